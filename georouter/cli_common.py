"""Pieces shared by the CLI modules: exit codes and JSON output."""

from __future__ import annotations

import enum
import json

import click


class ExitStatus(enum.IntEnum):
    """Documented exit codes of every ``georouter`` command."""

    OK = 0
    ERROR = 1            # unexpected failure
    USAGE = 2            # bad arguments (click's own code)
    INVALID_DATA = 3     # input data rejected (boundary validation failed, unreadable file, bad CRS)
    WARNINGS = 4         # only with --strict: the data has warnings but no errors
    NOT_ASSIGNED = 5     # `assign`: the answer is not "assigned"


def emit_json(data) -> None:
    """Data to stdout as UTF-8 JSON (Chinese kept readable)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def exit_with(status: ExitStatus) -> None:
    """End the command with ``status`` (works under the console script and click's test runner)."""
    raise SystemExit(int(status))
