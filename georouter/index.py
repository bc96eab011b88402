"""Territory index: which territories *cover* a point (boundary points count for every polygon).

Two layers, both built from the territories' geometry at load time and immutable afterwards:

- a uniform grid over the territories' extent: a cell lying entirely in the interior of the
  polygons that touch it stores their answer outright (a list lookup, no geometry);
- every other cell keeps its candidate polygons and answers with GEOS ``intersects_xy`` on
  prepared geometries (for a point, intersects = covers).

An ``STRtree`` (shapely's, which, unlike ``rtree``, is safe to read from many threads) serves the
nearest-territory query and the vectorised batch path. Coordinates are EPSG:4326 lon/lat.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

#: Grid cell, degrees (~450 m × 560 m in Qingdao): most lookups hit a cell no edge crosses.
CELL_DEG = 0.005
#: Fine cells per coarse cell side: the grid is built coarse-first and only crossed cells are split.
SUB = 4
#: Margin by which a cell must lie inside its polygons to be answered without geometry, degrees.
_CELL_MARGIN = 1e-9
_EMPTY: tuple[int, ...] = ()
#: Metres per degree of latitude; longitude scales by cos(lat).
M_PER_DEG = 111_320.0


#: GEOS point-in-polygon as the raw ufunc: the public wrapper ``shapely.intersects_xy`` adds ~1 µs
#: of argument handling per call, which is most of a lookup's budget.
_intersects_xy = shapely.lib.intersects_xy


class _BoundaryCell:
    """A grid cell crossed by an edge: the candidate positions and their prepared geometries."""

    __slots__ = ("positions", "geoms")

    def __init__(self, positions: np.ndarray, geoms: np.ndarray):
        self.positions, self.geoms = positions, geoms


class TerritoryIndex:
    """Answers "which of these geometries cover (lon, lat)?" as a tuple of positions, ascending."""

    def __init__(self, geometries: Sequence[BaseGeometry], cell_deg: float = CELL_DEG):
        """Prefer :meth:`from_geometries`; this builds the grid eagerly."""
        self._geoms = np.array(list(geometries), dtype=object)
        shapely.prepare(self._geoms)
        self.tree = shapely.STRtree(self._geoms)
        self._build_grid(cell_deg)
        self._build_local()

    @classmethod
    def from_geometries(cls, geometries: Sequence[BaseGeometry], *, cell_deg: float = CELL_DEG) -> "TerritoryIndex":
        """Index ``geometries`` (EPSG:4326 polygons); answers refer to their positions."""
        return cls(geometries, cell_deg)

    def __len__(self) -> int:
        return len(self._geoms)

    def _cell_boxes(self, ix: np.ndarray, iy: np.ndarray, size: float) -> np.ndarray:
        """Boxes of grid cells (ix, iy) of side ``size`` from the grid origin, grown by the margin."""
        x, y = self._x0 + ix * size, self._y0 + iy * size
        return shapely.box(x - _CELL_MARGIN, y - _CELL_MARGIN, x + size + _CELL_MARGIN, y + size + _CELL_MARGIN)

    def _pairs(self, cell_deg: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(fine cell, geometry, cell lies in the geometry's interior) for every touching pair.

        Two levels: coarse cells (SUB × SUB fine cells) are classified against the STRtree; only
        coarse cells crossed by an edge are split and their fine cells tested against the coarse
        cell's candidates. Fine cells of a coarse interior cell inherit its answer.
        """
        coarse = cell_deg * SUB
        nxc, nyc = self._nx // SUB, self._ny // SUB
        iyc, ixc = np.divmod(np.arange(nxc * nyc), nxc)
        coarse_boxes = self._cell_boxes(ixc, iyc, coarse)
        geom_c, cell_c = shapely.STRtree(coarse_boxes).query(self._geoms, predicate="intersects")
        inside_c = shapely.contains_properly(self._geoms[geom_c], coarse_boxes[cell_c])
        crossed = np.bincount(cell_c, minlength=nxc * nyc) > np.bincount(cell_c, weights=inside_c, minlength=nxc * nyc)
        sub_x, sub_y = np.divmod(np.arange(SUB * SUB), SUB)

        def fine_cells(cells: np.ndarray) -> np.ndarray:
            fx = (cells % nxc)[:, None] * SUB + sub_x[None, :]
            fy = (cells // nxc)[:, None] * SUB + sub_y[None, :]
            return (fy * self._nx + fx).ravel()

        whole = ~crossed[cell_c]          # pairs in coarse cells no edge crosses: inherited by 16 fine cells
        cells_a = fine_cells(cell_c[whole])
        geoms_a = np.repeat(geom_c[whole], SUB * SUB)
        split = crossed[cell_c]
        split_cells = np.flatnonzero(crossed)
        fine = fine_cells(split_cells)
        fy, fx = np.divmod(fine, self._nx)
        fine_boxes = self._cell_boxes(fx, fy, cell_deg)
        box_of_pair = (np.searchsorted(split_cells, cell_c[split])[:, None] * SUB * SUB
                       + np.arange(SUB * SUB)[None, :]).ravel()
        cells_b, boxes_b = fine[box_of_pair], fine_boxes[box_of_pair]
        geoms_b = np.repeat(geom_c[split], SUB * SUB)
        touching_b = shapely.intersects(self._geoms[geoms_b], boxes_b)
        inside_b = shapely.contains_properly(self._geoms[geoms_b[touching_b]], boxes_b[touching_b])
        return (np.concatenate([cells_a, cells_b[touching_b]]), np.concatenate([geoms_a, geoms_b[touching_b]]),
                np.concatenate([np.ones(len(cells_a), dtype=bool), inside_b]))

    def _build_grid(self, cell_deg: float) -> None:
        """Classify every cell: interior (its answer stored) or crossed by an edge (candidates kept)."""
        x0, y0, x1, y1 = shapely.total_bounds(self._geoms)
        self._x0, self._y0, self._step = float(x0), float(y0), cell_deg
        self._inv = 1.0 / cell_deg
        self._nx = max(1, math.ceil((x1 - x0) / (cell_deg * SUB))) * SUB
        self._ny = max(1, math.ceil((y1 - y0) / (cell_deg * SUB))) * SUB
        n_cells = self._nx * self._ny
        cell_of_pair, geom_of_pair, inside = self._pairs(cell_deg)
        order = np.lexsort((geom_of_pair, cell_of_pair))
        cell_of_pair, geom_of_pair, inside = cell_of_pair[order], geom_of_pair[order], inside[order]
        touching = np.bincount(cell_of_pair, minlength=n_cells)
        proper = np.bincount(cell_of_pair, weights=inside, minlength=n_cells).astype(np.intp)
        # Each cell's candidates as one padded row (ascending positions, -1 padding).
        first = np.searchsorted(cell_of_pair, np.arange(n_cells))
        rank = np.arange(len(cell_of_pair)) - first[cell_of_pair]
        width = max(int(touching.max()) if len(cell_of_pair) else 0, 1)
        rows = np.full((n_cells, width), -1, dtype=np.intp)
        rows[cell_of_pair, rank] = geom_of_pair
        interior = (touching > 0) & (proper == touching)
        boundary = np.flatnonzero(touching > proper)
        # Codes for the vectorised path: > 0 interior answer id, 0 empty, -2 - k boundary cell k whose
        # candidates are _cand_idx[_cand_ptr[k]:_cand_ptr[k + 1]].
        codes = np.zeros(n_cells, dtype=np.int64)
        keys = (rows[interior] + 1) @ (len(self._geoms) + 1) ** np.arange(width, dtype=np.int64)
        unique_keys, first_row, answer_of_cell = np.unique(keys, return_index=True, return_inverse=True)
        self._answer_matrix = np.vstack([np.full((1, width), -1, dtype=np.intp), rows[interior][first_row]])
        codes[interior] = answer_of_cell.ravel() + 1
        codes[boundary] = -2 - np.arange(len(boundary))
        self._cand_ptr = np.concatenate([[0], np.cumsum(touching[boundary])]).astype(np.intp)
        candidate_rows = rows[boundary]
        self._cand_idx = candidate_rows[candidate_rows >= 0]
        self._codes = codes
        self.boundary_cells = len(boundary)
        # The single-point path: a Python list; interior cells share their answer tuples.
        answers = [tuple(int(g) for g in row if g >= 0) for row in self._answer_matrix]
        cells: list[object] = [answers[c] if c >= 0 else None for c in codes.tolist()]
        for k, cell in enumerate(boundary.tolist()):
            positions = self._cand_idx[self._cand_ptr[k]:self._cand_ptr[k + 1]]
            cells[cell] = _BoundaryCell(positions, self._geoms[positions])
        self._cells = cells

    def locate(self, *, lon: float, lat: float) -> tuple[int, ...]:
        """Positions of every geometry covering the point (EPSG:4326), ascending; ``()`` if none."""
        ix = int((lon - self._x0) * self._inv)
        iy = int((lat - self._y0) * self._inv)
        if not (0 <= ix < self._nx and 0 <= iy < self._ny and lon >= self._x0 and lat >= self._y0):
            return _EMPTY
        cell = self._cells[iy * self._nx + ix]
        if cell.__class__ is tuple:
            return cell  # type: ignore[return-value]
        return tuple(cell.positions[_intersects_xy(cell.geoms, lon, lat)].tolist())  # type: ignore[union-attr]

    def locate_many(self, lons: np.ndarray, lats: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Vectorised :meth:`locate` for arrays of points (EPSG:4326).

        Returns ``(point_positions, geometry_positions)``: one pair per (point, covering geometry),
        sorted by point then geometry. Points covered by nothing do not appear.
        """
        lons = np.asarray(lons, dtype=float)
        lats = np.asarray(lats, dtype=float)
        fx = np.floor((lons - self._x0) * self._inv)
        fy = np.floor((lats - self._y0) * self._inv)
        valid = (fx >= 0) & (fx < self._nx) & (fy >= 0) & (fy < self._ny)
        codes = np.full(len(lons), -1, dtype=np.int64)
        codes[valid] = self._codes[(fy[valid] * self._nx + fx[valid]).astype(np.intp)]

        interior = np.flatnonzero(codes > 0)
        answers = self._answer_matrix[codes[interior]]
        rows, slots = np.nonzero(answers >= 0)
        point_parts = [interior[rows]]
        geom_parts = [answers[rows, slots]]

        boundary = np.flatnonzero(codes <= -2)
        if len(boundary):
            cells = -2 - codes[boundary]
            starts, stops = self._cand_ptr[cells], self._cand_ptr[cells + 1]
            counts = stops - starts
            pair_points = np.repeat(boundary, counts)
            offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            pair_geoms = self._cand_idx[np.repeat(starts, counts) + offsets]
            order = np.argsort(pair_geoms, kind="stable")
            pair_points, pair_geoms = pair_points[order], pair_geoms[order]
            bounds = np.flatnonzero(np.diff(pair_geoms)) + 1
            hits = np.zeros(len(pair_points), dtype=bool)
            for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(pair_points)]):
                chosen = pair_points[lo:hi]
                hits[lo:hi] = shapely.intersects_xy(self._geoms[pair_geoms[lo]], lons[chosen], lats[chosen])
            point_parts.append(pair_points[hits])
            geom_parts.append(pair_geoms[hits])

        point_positions = np.concatenate(point_parts)
        geom_positions = np.concatenate(geom_parts)
        # Both parts are runs already sorted by (point, geometry): a stable sort merges them in O(n).
        boundary_order = np.argsort(point_positions[len(point_parts[0]):], kind="stable")
        point_positions[len(point_parts[0]):] = point_positions[len(point_parts[0]):][boundary_order]
        geom_positions[len(point_parts[0]):] = geom_positions[len(point_parts[0]):][boundary_order]
        order = np.argsort(point_positions * len(self._geoms) + geom_positions, kind="stable")
        return point_positions[order], geom_positions[order]

    def _build_local(self) -> None:
        """Geometries on a local equirectangular scale (x · cos φ₀), where 1 unit = M_PER_DEG metres:
        distances to well under 1 % within Qingdao, for the nearest-territory and edge-distance queries."""
        _, y0, _, y1 = shapely.total_bounds(self._geoms)
        self._scale = math.cos(math.radians((y0 + y1) / 2))
        self._scaled = shapely.transform(self._geoms, lambda xy: xy * np.array([self._scale, 1.0]))
        shapely.prepare(self._scaled)
        self._scaled_tree = shapely.STRtree(self._scaled)

    def nearest(self, *, lon: float, lat: float, max_m: float,
                among: Sequence[int] | None = None) -> tuple[int, float] | None:
        """The closest geometry within ``max_m`` metres of the point, as (position, metres), or ``None``.

        ``among`` limits the search to some positions. Ties go to the lowest position.
        """
        point = shapely.Point(lon * self._scale, lat)
        candidates = self._scaled_tree.query(point, predicate="dwithin", distance=max_m / M_PER_DEG)
        if among is not None:
            candidates = np.intersect1d(candidates, np.asarray(among, dtype=np.intp))
        if len(candidates) == 0:
            return None
        candidates = np.sort(candidates)
        distances = shapely.distance(self._scaled[candidates], point)
        best = int(np.argmin(distances))
        return int(candidates[best]), float(distances[best]) * M_PER_DEG

    def distance_to_edge_m(self, position: int, *, lon: float, lat: float) -> float:
        """Metres from the point to the boundary of geometry ``position`` (local scaling)."""
        point = shapely.Point(lon * self._scale, lat)
        return float(shapely.distance(shapely.boundary(self._scaled[position]), point)) * M_PER_DEG
