import json
import urllib.request

from click.testing import CliRunner

from georouter.cli import cli


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "georouter" in result.output


def test_serve_answers_over_real_http(live_server):
    with urllib.request.urlopen(live_server + "/healthz", timeout=5) as response:
        body = json.load(response)
        assert response.headers["X-Request-Id"]
    assert body["status"] == "ok"
