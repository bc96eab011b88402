"""Where the shipped boundary set lives."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import ConfigurationError


def default_boundaries_dir() -> Path:
    """The boundary set shipped with georouter.

    In a source checkout or editable install: ``boundaries/`` beside the package. In a wheel:
    ``<prefix>/share/georouter/boundaries`` (installed as data files by ``setup.cfg``).
    """
    candidates = [Path(__file__).resolve().parent.parent / "boundaries",
                  Path(sys.prefix) / "share" / "georouter" / "boundaries"]
    for candidate in candidates:
        if (candidate / "manifest.json").exists():
            return candidate
    raise ConfigurationError("no boundary set found: set GEOROUTER_BOUNDARIES to a boundary directory",
                             details={"looked_in": [str(c) for c in candidates]})
