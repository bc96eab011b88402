"""The ``georouter`` command line.

Data goes to stdout, messages to stderr. Exit codes are :class:`ExitStatus`.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from . import __version__
from .cli_assign import assign, batch
from .cli_boundaries import boundaries
from .cli_common import ExitStatus
from .cli_requests import requests_group
from .errors import GeorouterError, InvalidInput


def configure_logging(level: str) -> None:
    """Log to stderr as the application; library modules only create loggers."""
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="georouter")
def cli() -> None:
    """georouter: which Taineng customer manager serves a Qingdao address."""


@cli.command()
@click.option("--host", default=None, help="Listen address (default: GEOROUTER_HOST or 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Listen port (default: GEOROUTER_PORT or 8000).")
@click.option("--workers", default=None, type=int, help="Worker processes (default: GEOROUTER_WORKERS, or one per core).")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Run the HTTP service (gunicorn, one worker process per core)."""
    from .settings import load_settings
    from .web.server import serve as run_server

    settings = load_settings()
    configure_logging(settings.log_level)
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers or os.cpu_count() or 1
    click.echo(f"georouter {__version__} serving on http://{host}:{port}/ with {workers} workers", err=True)
    run_server(host=host, port=port, workers=workers)


@cli.command("settings")
def show_settings() -> None:
    """Print every setting (GEOROUTER_* variable, value, help), secrets masked."""
    from .settings import SETTINGS, load_settings

    shown = load_settings().describe()
    for setting in SETTINGS:
        click.echo(f"{setting.env_var}={shown[setting.name]}\t# {setting.help}")


for command in (boundaries, assign, batch, requests_group, show_settings):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point: turns georouter errors into a message and an exit code."""
    try:
        status = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(ExitStatus.ERROR)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except GeorouterError as err:
        click.echo(f"error: {err.message}", err=True)
        for problem in err.details.get("problems", []):
            click.echo(f"  - {problem}", err=True)
        data_error = err.code == "invalid_boundaries" or isinstance(err, InvalidInput)
        sys.exit(ExitStatus.INVALID_DATA if data_error else ExitStatus.ERROR)
    sys.exit(status if isinstance(status, int) else ExitStatus.OK)
