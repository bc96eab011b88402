"""A boundary store: every version kept for rollback, one marked current, switched atomically.

Layout: ``STORE/versions/<version id>/`` (complete boundary sets) and ``STORE/CURRENT`` (the id of
the one in service). A plain boundary directory (like the shipped ``boundaries/``) also works
wherever a store does: it is its own single version.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import BoundaryDataError, NotFound
from . import files

CURRENT = "CURRENT"
VERSIONS = "versions"


def is_store(path: Path) -> bool:
    return (Path(path) / CURRENT).exists()


def resolve_set_dir(path: Path | str) -> Path:
    """The boundary directory to serve: a store's current version, or ``path`` itself."""
    path = Path(path)
    if is_store(path):
        return path / VERSIONS / (path / CURRENT).read_text(encoding="utf-8").strip()
    return path


def _atomic_write_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def versions(store: Path) -> list[dict]:
    """Every version of ``store``, oldest first, with its manifest's build date and which is current."""
    store = Path(store)
    current = (store / CURRENT).read_text(encoding="utf-8").strip() if is_store(store) else None
    out = []
    for directory in (store / VERSIONS).iterdir() if (store / VERSIONS).exists() else []:
        if directory.name.startswith(".") or not (directory / files.MANIFEST).exists():
            continue
        manifest = files.read_json(directory / files.MANIFEST)
        out.append({"version": directory.name, "built_at": manifest.get("built_at", ""),
                    "built_by": manifest.get("built_by", ""), "current": directory.name == current,
                    "mtime": directory.stat().st_mtime})
    return sorted(out, key=lambda v: v["mtime"])


def add_version(store: Path, write: Callable[[Path], dict], *, make_current: bool = True) -> str:
    """Write a new version with ``write(tmp_dir) -> manifest`` and, if asked, make it current.

    The version appears under its content id only once complete (rename), and ``CURRENT`` is
    replaced atomically, so a reader never sees half a set.
    """
    store = Path(store)
    (store / VERSIONS).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=store / VERSIONS, prefix=".incoming-"))
    try:
        manifest = write(tmp)
        target = store / VERSIONS / manifest["version"]
        if target.exists():
            shutil.rmtree(tmp)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if make_current:
        set_current(store, manifest["version"])
    return manifest["version"]


def set_current(store: Path, version: str) -> None:
    """Point ``CURRENT`` at ``version`` (rollback or roll forward)."""
    store = Path(store)
    if not (store / VERSIONS / version / files.MANIFEST).exists():
        raise NotFound(f"no version {version!r} in {store}")
    _atomic_write_text(store / CURRENT, version + "\n")


def init_store(store: Path, source: Path) -> str:
    """Create ``store`` holding a copy of the boundary directory ``source`` as its current version."""
    source = resolve_set_dir(source)
    if not (source / files.MANIFEST).exists():
        raise BoundaryDataError(f"{source} is not a boundary directory (no manifest.json)")

    def copy(tmp: Path) -> dict:
        for item in source.iterdir():
            if item.is_file():
                shutil.copy2(item, tmp / item.name)
        return files.read_json(tmp / files.MANIFEST)

    return add_version(store, copy)
