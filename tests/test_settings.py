import pytest

from georouter.errors import ConfigurationError
from georouter.settings import SETTINGS, load_settings


def test_defaults_need_no_environment():
    settings = load_settings(environ={})
    assert settings.port == 8000
    assert settings.geocoder == "offline"
    assert settings.boundaries is None


def test_environment_is_parsed():
    settings = load_settings(environ={"GEOROUTER_PORT": "9001", "GEOROUTER_OFFSHORE_M": "150"})
    assert settings.port == 9001
    assert settings.offshore_m == 150.0


def test_every_invalid_value_is_reported_at_once():
    with pytest.raises(ConfigurationError) as info:
        load_settings(environ={"GEOROUTER_PORT": "-1", "GEOROUTER_GEOCODER": "bing"})
    problems = info.value.details["problems"]
    assert len(problems) == 2
    assert any("GEOROUTER_PORT" in p for p in problems)
    assert any("GEOROUTER_GEOCODER" in p for p in problems)


def test_unknown_override_is_refused():
    with pytest.raises(ConfigurationError, match="unknown setting"):
        load_settings({"no_such_thing": 1}, environ={})


def test_secrets_are_masked_when_described():
    settings = load_settings(environ={"GEOROUTER_ADMIN_TOKEN": "s3cret", "GEOROUTER_GEOCODER_KEY": "k"})
    shown = settings.describe()
    assert shown["admin_token"] == "****"
    assert shown["geocoder_key"] == "****"
    assert "s3cret" not in repr(shown)


def test_every_setting_has_help():
    assert all(s.help and s.env_var.startswith("GEOROUTER_") for s in SETTINGS)
