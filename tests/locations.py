"""Golden table of real Qingdao addresses, each with the street office a public source states.

Each row: (address as an agent might type it, expected current street office, source). Sources are
public pages read when the table was written; the expected office is what they state, re-read
through shared/data/README.md's history where the address uses an old name.
"""

FACTPEDIA_YANAN = "https://factpedia.org/index.php?title=市北区延安路街道 (区划代码 370203008 社区表; 办公地址标山路58号)"
JINJIALING_SPLIT = "http://m.jsjiaoyi.com/wiki/show-348050.html (2017 中韩街道分设, 新中韩辖21社区)"
WUSHAN = "https://www.chacimao.com/2025/06/wu-shan-she-qu (午山社区: 金家岭街道下辖)"
HOUJIAZHUANG = "https://bdditu.com/qingdaoditu/map/licangqu_jiushuijiedao_houjiazhuangshequ.html"
LUFANG = "http://in7q17c.cn/shandong/licangqu_jiushuijiedao_lufangshequ.html (炉房社区 隶属 世园街道)"
ZHENGZHOULU = "http://in7q17c.cn/shandong/sifangqu_luoyanglujiedao_zhengzhoulushequ_info.html"
LIJINLU = "shared/data/README.md (利津路街道 now in 台东) + https://twwiki.net/wiki/947yzlqvgxvy99z.html"
SEED = "泰然〔2021〕23号 附件2 (街道名称)"

LOCATIONS = [
    ("市北区延安二路社区", "延安路街道", FACTPEDIA_YANAN),
    ("青岛市市北区明霞路社区居委会", "延安路街道", FACTPEDIA_YANAN),
    ("市北区松江路社区", "延安路街道", FACTPEDIA_YANAN),
    ("青岛市北区上清路社区", "延安路街道", FACTPEDIA_YANAN),
    ("市北区标山路58号延安路街道办事处", "延安路街道", FACTPEDIA_YANAN),
    ("崂山区中韩街道午山社区", "金家岭街道", WUSHAN),              # old name, community decides the split
    ("崂山区中韩街道枯桃社区", "中韩街道", JINJIALING_SPLIT),
    ("青岛市崂山区金家岭街道午山社区", "金家岭街道", WUSHAN),
    ("李沧区九水路街道侯家庄", "九水街道", HOUJIAZHUANG),          # the issue's own example
    ("李沧区炉房社区", "世园街道", LUFANG),
    ("四方区郑州路社区", "洛阳路街道", ZHENGZHOULU),              # 四方区 merged into 市北区 (2012)
    ("市北区利津路街道", "台东街道", LIJINLU),
    ("青岛市北区合肥路街道同德路82号", "合肥路街道", SEED),       # the issue's own example
    ("崂山区中韩街道海尔路65号", None, "no public source found for the street office of this number: "
                                      "中韩 was split along 辽阳东路, so an honest answer lists both"),
]
