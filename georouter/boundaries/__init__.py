"""Boundary sets: territories, districts, roster, lineage and decisions, read from a directory.

A boundary set is built offline by ``scripts/build_boundaries.py`` (or written by
``georouter boundaries import``) and only read by the service.
"""

from .model import (BoundarySet, Community, Decision, LineageEntry, Manager, RosterEntry,
                    Territory)

__all__ = ["BoundarySet", "Community", "Decision", "LineageEntry", "Manager", "RosterEntry", "Territory"]
