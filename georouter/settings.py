"""Settings: one declarative table, read from ``GEOROUTER_*`` environment variables.

Each :class:`Setting` has a name, a default, a parser and a help line. :func:`load_settings`
reads them all at start-up, reports every invalid value at once, and returns a frozen
:class:`Settings`. Secrets are masked by :meth:`Settings.describe`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from .errors import ConfigurationError

PREFIX = "GEOROUTER_"


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise ValueError("must be a positive integer")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError("must be zero or more")
    return value


def _non_negative_float(text: str) -> float:
    value = float(text)
    if value < 0:
        raise ValueError("must be zero or more")
    return value


def _optional_path(text: str) -> Path | None:
    return Path(text).expanduser() if text else None


def _choice(*choices: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return text

    return parse


def _log_level(text: str) -> str:
    return _choice("DEBUG", "INFO", "WARNING", "ERROR")(text.upper())


@dataclass(frozen=True)
class Setting:
    """One setting: ``GEOROUTER_<NAME>`` in the environment, ``name`` (lower case) in code."""

    name: str
    default: str
    parse: Callable[[str], Any]
    help: str
    secret: bool = False

    @property
    def env_var(self) -> str:
        return PREFIX + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("boundaries", "", _optional_path,
            "Boundary-set directory; empty = the set shipped with georouter."),
    Setting("host", "127.0.0.1", str, "Address `georouter serve` listens on."),
    Setting("port", "8000", _positive_int, "Port `georouter serve` listens on."),
    Setting("workers", "0", _non_negative_int, "Worker processes of `georouter serve`; 0 = one per core."),
    Setting("admin_token", "", str, "Bearer token for /admin/*; empty = admin endpoints are off.",
            secret=True),
    Setting("api_token", "", str,
            "Bearer token for the workflow's /requests endpoints (customer data); empty = open.", secret=True),
    Setting("offshore_m", "300", _non_negative_float,
            "A point in no polygon but this close (metres) to a served territory gets it, with a warning."),
    Setting("geocoder", "offline", _choice("offline", "nominatim", "baidu", "amap"),
            "Geocoder in front of the offline gazetteer."),
    Setting("geocoder_url", "", str, "Base URL of the online geocoder (Nominatim: required)."),
    Setting("geocoder_key", "", str, "API key of the online geocoder (Baidu ak, Amap key).", secret=True),
    Setting("geocoder_timeout_s", "3", _non_negative_float, "Timeout of one online geocoder call."),
    Setting("geocoder_min_interval_s", "0.05", _non_negative_float,
            "Least time between two online geocoder calls (rate limit)."),
    Setting("batch_max_rows", "10000", _positive_int, "Most rows one batch request may carry."),
    Setting("max_upload_mb", "16", _positive_int, "Largest request body, in MiB."),
    Setting("database_url", "", str,
            "Workflow database: sqlite:///PATH or postgresql://…; empty = SQLite in the instance folder.",
            secret=True),
    Setting("contact_limit_hours", "1", _non_negative_float,
            "Workflow: first contact due this many hours after intake (seed: 1 hour)."),
    Setting("plan_limit_workdays", "3", _positive_int,
            "Workflow: access plan due this many Chinese working days after the survey (seed: 3)."),
    Setting("log_level", "INFO", _log_level, "Log level of the service."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings(Mapping[str, Any]):
    """The validated values of every setting, read-only; also usable as attributes."""

    def __init__(self, values: Mapping[str, Any]):
        self._values = MappingProxyType(dict(values))

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def describe(self) -> dict[str, str]:
        """Every setting as text, with secrets masked: safe to print or log."""
        shown = {}
        for name, value in self._values.items():
            setting = _BY_NAME.get(name)
            if setting is not None and setting.secret and value:
                shown[name] = "****"
            else:
                shown[name] = "" if value is None else str(value)
        return shown


def load_settings(overrides: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from ``environ`` (default: ``os.environ``), then apply ``overrides``.

    Overrides are already-typed values keyed by the lower-case name (tests and ``create_app``
    use them). Raises :class:`ConfigurationError` naming every invalid or unknown value at once.
    """
    environ = os.environ if environ is None else environ
    overrides = dict(overrides or {})
    values: dict[str, Any] = {}
    problems: list[str] = []
    for setting in SETTINGS:
        raw = environ.get(setting.env_var, setting.default)
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as err:
            problems.append(f"{setting.env_var}={raw!r}: {err}")
    unknown = sorted(set(overrides) - set(_BY_NAME))
    problems.extend(f"unknown setting {name!r}" for name in unknown)
    if problems:
        raise ConfigurationError("invalid settings: " + "; ".join(problems),
                                 details={"problems": problems})
    values.update(overrides)
    return Settings(values)
