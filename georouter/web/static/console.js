// georouter call-centre console: one input, Enter → POST /assign → card + offline SVG map.
"use strict";

const $ = (id) => document.getElementById(id);
const STATUS_TEXT = {
  assigned: "已分配", ambiguous: "需确认", outside_service_area: "不在经营区域", not_found: "未识别",
};
const COORDINATES = /^\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*$/;

function requestBody(text) {
  const match = COORDINATES.exec(text);
  if (!match) return { address: text.trim() };
  let lon = parseFloat(match[1]), lat = parseFloat(match[2]);
  if (Math.abs(lon) <= 90 && Math.abs(lat) > 90) [lon, lat] = [lat, lon];   // "36.07, 120.31" typed lat first
  return { lon, lat, crs: $("crs").value };
}

async function query(text) {
  $("error").hidden = true;
  const response = await fetch("/assign", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(requestBody(text)),
  });
  const body = await response.json();
  if (!response.ok) {
    $("result").hidden = true;
    $("error").textContent = body.error ? body.error.message : "查询失败";
    $("error").hidden = false;
    return;
  }
  render(body);
}

function render(a) {
  $("result").hidden = false;
  const status = $("status");
  status.textContent = STATUS_TEXT[a.status] || a.status;
  status.className = "status " + a.status;
  status.dataset.status = a.status;
  const phone = a.manager ? a.manager.phone : "";
  $("manager").hidden = !a.manager;
  $("manager-name").textContent = a.manager ? a.manager.name : "";
  $("manager-phone").textContent = phone;
  $("manager-phone").href = phone ? "tel:" + phone : "#";
  $("territory").textContent = a.territory ? a.territory.name : "—";
  $("district").textContent = a.territory ? a.territory.district : "—";
  $("confidence").textContent = Math.round(a.confidence * 100) + "%";
  $("explanation").textContent = a.explanation;
  $("warnings").replaceChildren(...a.warnings.map((w) => Object.assign(document.createElement("li"), { textContent: w })));
  $("candidates-box").hidden = a.candidates.length === 0;
  $("candidates").replaceChildren(...a.candidates.map((c) => {
    const li = document.createElement("li");
    const who = c.manager ? `${c.manager.name} ${c.manager.phone}` : "无客户经理";
    li.textContent = `${c.territory.district}${c.territory.name}：${who}（${c.reason}）`;
    return li;
  }));
  drawMap(a);
}

async function territoryGeometry(id) {
  const response = await fetch("/territories/" + encodeURIComponent(id));
  return response.ok ? (await response.json()).geometry : null;
}

function rings(geometry) {
  if (!geometry) return [];
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

async function drawMap(a) {
  const svg = $("map");
  const shapes = [];
  if (a.territory) shapes.push({ cls: "territory", geometry: await territoryGeometry(a.territory.id) });
  for (const c of a.candidates.slice(0, 6)) shapes.push({ cls: "candidate", geometry: await territoryGeometry(c.territory.id) });
  const points = shapes.flatMap((s) => rings(s.geometry).flat());
  if (a.location) points.push([a.location.lon, a.location.lat]);
  if (points.length === 0) { svg.replaceChildren(); return; }
  const lons = points.map((p) => p[0]), lats = points.map((p) => p[1]);
  const minX = Math.min(...lons), maxX = Math.max(...lons), minY = Math.min(...lats), maxY = Math.max(...lats);
  const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
  const scale = Math.min(380 / Math.max((maxX - minX) * k, 1e-6), 280 / Math.max(maxY - minY, 1e-6));
  const x = (lon) => 10 + (lon - minX) * k * scale, y = (lat) => 290 - (lat - minY) * scale;
  const ns = "http://www.w3.org/2000/svg";
  const nodes = shapes.reverse().map((s) => {
    const path = document.createElementNS(ns, "path");
    path.setAttribute("class", s.cls);
    path.setAttribute("fill-rule", "evenodd");
    path.setAttribute("d", rings(s.geometry).map((r) => "M" + r.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join("L") + "Z").join(""));
    return path;
  });
  if (a.location) {
    const dot = document.createElementNS(ns, "circle");
    dot.setAttribute("class", "point");
    dot.setAttribute("cx", x(a.location.lon).toFixed(1));
    dot.setAttribute("cy", y(a.location.lat).toFixed(1));
    dot.setAttribute("r", "6");
    nodes.push(dot);
  }
  svg.replaceChildren(...nodes);
}

function copyPhone() {
  const phone = $("manager-phone").textContent;
  if (phone && navigator.clipboard) navigator.clipboard.writeText(phone).catch(() => {});
}

$("query-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("query").value;
  if (text.trim()) query(text).catch((err) => { $("error").textContent = "网络错误：" + err; $("error").hidden = false; });
});
$("copy-phone").addEventListener("click", copyPhone);
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") { $("query").value = ""; $("result").hidden = true; $("query").focus(); }
  else if (event.altKey && (event.key === "c" || event.key === "C")) { event.preventDefault(); copyPhone(); }
  else if (event.key === "/" && document.activeElement !== $("query")) { event.preventDefault(); $("query").focus(); }
});
