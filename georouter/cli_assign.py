"""``georouter assign`` and ``georouter batch``: the engine from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_common import ExitStatus, emit_json, exit_with


def _router(boundaries: Path | None):
    from .router import Router
    from .settings import load_settings

    from .web import online_geocoder

    settings = load_settings()
    return Router.from_directory(boundaries or settings.boundaries, offshore_m=settings.offshore_m,
                                 online=online_geocoder(settings))


@click.command()
@click.argument("address", required=False)
@click.option("--lon", type=float, help="Longitude (or easting for a projected CRS).")
@click.option("--lat", type=float, help="Latitude (or northing).")
@click.option("--crs", default="wgs84", show_default=True, help="wgs84, gcj02, bd09, cgcs2000 or EPSG:<code>.")
@click.option("--at", default=None, help="Roster date YYYY-MM-DD (default today).")
@click.option("--json", "as_json", is_flag=True, help="Print exactly the API's JSON answer.")
@click.option("--boundaries", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Boundary set or store (default: GEOROUTER_BOUNDARIES or the shipped set).")
def assign(address, lon, lat, crs, at, as_json, boundaries) -> None:
    """Who serves ADDRESS, or the point --lon/--lat. Exit 5 when the answer is not 'assigned'."""
    answer = _router(boundaries).assign(address, lon=lon, lat=lat, crs=crs, at=at)
    if as_json:
        emit_json(answer.to_dict())
    else:
        d = answer.to_dict()
        if d["manager"]:
            click.echo(f"{d['manager']['name']}\t{d['manager']['phone']}")
        click.echo(f"{d['status']}  {d['territory']['district'] + d['territory']['name'] if d['territory'] else ''}"
                   f"  可信度 {d['confidence']:.0%}")
        click.echo(d["explanation"])
        for warning in d["warnings"]:
            click.echo(f"注意：{warning}")
        for c in d["candidates"]:
            who = f"{c['manager']['name']} {c['manager']['phone']}" if c["manager"] else "无客户经理"
            click.echo(f"候选：{c['territory']['district']}{c['territory']['name']} {who}（{c['reason']}）")
    exit_with(ExitStatus.OK if answer.status == "assigned" else ExitStatus.NOT_ASSIGNED)


@click.command()
@click.argument("input_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output .csv (UTF-8 with BOM, opens in Excel) or .xlsx.")
@click.option("--at", default=None, help="Roster date YYYY-MM-DD (default today).")
@click.option("--boundaries", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None)
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
def batch(input_file: Path, output: Path, at, boundaries, progress: bool) -> None:
    """Assign every row of INPUT_FILE (CSV or XLSX; column 'address', or 'lon','lat'[,'crs'])."""
    from tqdm import tqdm

    from . import batch as batch_io

    columns, rows = batch_io.read_table(input_file.read_bytes(), input_file.name)
    router = _router(boundaries)
    with tqdm(total=len(rows), unit="row", disable=not progress, file=sys.stderr) as bar:
        results = batch_io.assign_rows(router, columns, rows, at=at, progress=bar.update)
    writer = batch_io.write_xlsx if output.suffix.lower() == ".xlsx" else batch_io.write_csv
    output.write_bytes(writer(columns, results))
    counts: dict[str, int] = {}
    for row in results:
        key = row["status"].split(":")[0]
        counts[key] = counts.get(key, 0) + 1
    click.echo(f"{len(results)} rows → {output}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), err=True)
    exit_with(ExitStatus.OK)
