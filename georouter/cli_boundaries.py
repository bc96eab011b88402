"""``georouter boundaries …``: the GIS staff's commands (validate, import, diff, versions, rollback)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .boundaries import store as boundary_store
from .boundaries.validate import validate_directory
from .cli_common import ExitStatus, emit_json, exit_with
from .paths import default_boundaries_dir


@click.group("boundaries")
def boundaries() -> None:
    """Check, import, compare and roll back boundary sets."""


@boundaries.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 4).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def validate(directory: Path, strict: bool, as_json: bool) -> None:
    """Report every problem of DIRECTORY (a boundary set or a store) at once.

    Exit 0: valid; 3: errors; 4: warnings only, with --strict.
    """
    report = validate_directory(boundary_store.resolve_set_dir(directory))
    if as_json:
        emit_json(report.to_dict())
    else:
        for problem in report.problems:
            click.echo(str(problem))
        counts = report.to_dict()["counts"]
        click.echo(f"{directory}: version {report.version}, {counts['error']} errors, {counts['warning']} warnings, "
                   f"{counts['info']} notes", err=True)
    if not report.ok:
        exit_with(ExitStatus.INVALID_DATA)
    if strict and report.of("warning"):
        exit_with(ExitStatus.WARNINGS)
    exit_with(ExitStatus.OK)


@boundaries.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option("--crs", default=None, help="CRS of FILE: wgs84, cgcs2000, gcj02, bd09, EPSG:4549 … "
                                          "(required when the file declares none).")
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Boundary store to add the new version to (created from --base if new).")
@click.option("--base", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Set to start from (default: the store's current version, or the shipped set).")
@click.option("--activate/--no-activate", default=True, help="Make the new version current (default: yes).")
def import_file(file: Path, crs: str | None, store_dir: Path, base: Path | None, activate: bool) -> None:
    """Reproject FILE to WGS84, merge it into a copy of the base set, validate, and store it as a new version."""
    from .boundaries.importer import build_version, read_features

    if not boundary_store.is_store(store_dir):
        version = boundary_store.init_store(store_dir, base or default_boundaries_dir())
        click.echo(f"created store {store_dir} with version {version}", err=True)
    base_dir = boundary_store.resolve_set_dir(base or store_dir)
    features = read_features(file, crs)
    version = boundary_store.add_version(store_dir, lambda tmp: build_version(base_dir, features, file.name, tmp),
                                         make_current=activate)
    manifest = json.loads((store_dir / "versions" / version / "manifest.json").read_text(encoding="utf-8"))
    for change in manifest.get("changes", []):
        click.echo(change, err=True)
    click.echo(f"version {version} {'is now current' if activate else 'stored (not current)'}", err=True)
    click.echo(version)
    exit_with(ExitStatus.OK)


@boundaries.command()
@click.argument("old", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--at", default=None, help="Roster date (YYYY-MM-DD); default today.")
@click.option("--json", "as_json", is_flag=True)
def diff(old: Path, new: Path, at: str | None, as_json: bool) -> None:
    """What changes hands from OLD to NEW: km² per territory, and between managers."""
    from dataclasses import asdict

    from .boundaries.diff import diff_sets
    from .boundaries.load import load_boundary_set
    from .router import parse_day

    changes, handovers = diff_sets(load_boundary_set(boundary_store.resolve_set_dir(old)),
                                   load_boundary_set(boundary_store.resolve_set_dir(new)),
                                   parse_day(at) if at else None)
    if as_json:
        emit_json({"territories": [asdict(c) for c in changes], "handovers": [asdict(h) for h in handovers]})
        exit_with(ExitStatus.OK)
    if not changes and not handovers:
        click.echo("no change")
    for c in changes:
        managers = f"{c.old_manager or '—'} → {c.new_manager or '—'}" if c.old_manager != c.new_manager else (c.new_manager or "—")
        click.echo(f"{c.name} ({c.territory_id}): {c.old_km2:.3f} → {c.new_km2:.3f} km², "
                   f"+{c.gained_km2:.3f} / -{c.lost_km2:.3f} km²; manager {managers}")
    for h in handovers:
        click.echo(f"{h.km2:.3f} km² from {h.from_manager or '(unserved)'} to {h.to_manager or '(unserved)'}"
                   f" [{', '.join(h.territories)}]")
    exit_with(ExitStatus.OK)


@boundaries.command()
@click.argument("store_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def versions(store_dir: Path) -> None:
    """List the versions of STORE_DIR, oldest first; * marks the current one."""
    for v in boundary_store.versions(store_dir):
        click.echo(f"{'*' if v['current'] else ' '} {v['version']}  {v['built_at']}  {v['built_by']}")
    exit_with(ExitStatus.OK)


@boundaries.command()
@click.argument("store_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("version")
def rollback(store_dir: Path, version: str) -> None:
    """Make VERSION of STORE_DIR current again (a running service picks it up on /admin/reload)."""
    report = validate_directory(store_dir / boundary_store.VERSIONS / version)
    if not report.ok:
        for problem in report.of("error"):
            click.echo(str(problem), err=True)
        exit_with(ExitStatus.INVALID_DATA)
    boundary_store.set_current(store_dir, version)
    click.echo(f"{version} is now current", err=True)
    exit_with(ExitStatus.OK)
