"""Batch files: read CSV (UTF-8, UTF-8 with BOM, GBK) or XLSX, assign every row, write CSV/XLSX.

Input has an ``address`` column, or ``lon`` and ``lat`` (and optionally ``crs``). Output keeps
every input column and adds :data:`OUTPUT_COLUMNS`. Every row comes out; a bad row gets a status
saying why. CSV is written as UTF-8 with BOM so Excel opens it correctly.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable, Iterable

from .assignment import Assignment
from .errors import InvalidInput, MalformedRequest

OUTPUT_COLUMNS = ("status", "manager", "phone", "territory", "district", "confidence", "warnings", "candidates")
COORDINATE_CHUNK = 5000


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MalformedRequest("the CSV is neither UTF-8 nor GBK text")


def read_table(data: bytes, filename: str) -> tuple[list[str], list[dict]]:
    """Columns and rows of a CSV or XLSX file (by its name's suffix); values as text."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except Exception as err:  # openpyxl raises zipfile/KeyError/ValueError variants
            raise MalformedRequest(f"cannot read {filename} as XLSX: {err}") from err
        values = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
        if not values:
            raise MalformedRequest(f"{filename} is empty")
        columns = [c for c in values[0]]
        rows = [dict(zip(columns, row + [""] * (len(columns) - len(row)))) for row in values[1:] if any(row)]
        return columns, rows
    if suffix not in (".csv", ".txt", ""):
        raise InvalidInput(f"unsupported file type {suffix!r}: use .csv or .xlsx", details={"field": "file"})
    reader = csv.DictReader(io.StringIO(_decode(data)))
    if not reader.fieldnames:
        raise MalformedRequest(f"{filename} has no header row")
    columns = [c.strip() for c in reader.fieldnames]
    rows = [{c.strip() if c else "": (v or "").strip() for c, v in row.items()} for row in reader]
    return columns, rows


def _summary(answer: Assignment) -> dict:
    d = answer.to_dict()
    return {
        "status": d["status"],
        "manager": d["manager"]["name"] if d["manager"] else "",
        "phone": d["manager"]["phone"] if d["manager"] else "",
        "territory": d["territory"]["name"] if d["territory"] else "",
        "district": d["territory"]["district"] if d["territory"] else "",
        "confidence": d["confidence"],
        "warnings": "；".join(d["warnings"]),
        "candidates": "；".join(f"{c['territory']['name']}:{c['manager']['name'] if c['manager'] else '无'}"
                               for c in d["candidates"]),
    }


def _error_row(message: str) -> dict:
    return dict.fromkeys(OUTPUT_COLUMNS, "") | {"status": f"invalid_input: {message}", "confidence": 0}


def assign_rows(router, columns: list[str], rows: list[dict], *, at=None,
                progress: Callable[[int], None] | None = None) -> list[dict]:
    """Every input row with the output columns added, in order."""
    tick = progress or (lambda n: None)
    if "address" in columns:
        out = []
        for row in rows:
            try:
                out.append(row | _summary(router.assign(row["address"], at=at)))
            except InvalidInput as err:
                out.append(row | _error_row(err.message))
            tick(1)
        return out
    if not {"lon", "lat"} <= set(columns):
        raise InvalidInput("the file needs an 'address' column, or 'lon' and 'lat' columns",
                           details={"field": "columns", "columns": columns})
    return _assign_coordinates(router, rows, at, tick)


def _assign_coordinates(router, rows: list[dict], at, tick) -> list[dict]:
    from .coords import normalize_crs
    from .router import check_lon_lat

    results: list[dict | None] = [None] * len(rows)
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        try:
            crs = normalize_crs(row.get("crs") or "wgs84")
            check_lon_lat(row["lon"], row["lat"], crs)
            groups.setdefault(crs, []).append(i)
        except InvalidInput as err:
            results[i] = row | _error_row(err.message)
            tick(1)
    for crs, indices in groups.items():
        for start in range(0, len(indices), COORDINATE_CHUNK):
            chunk = indices[start:start + COORDINATE_CHUNK]
            answers = router.assign_many([float(rows[i]["lon"]) for i in chunk],
                                         [float(rows[i]["lat"]) for i in chunk], crs=crs, at=at)
            for i, answer in zip(chunk, answers):
                results[i] = rows[i] | _summary(answer)
            tick(len(chunk))
    return results  # type: ignore[return-value]


def output_columns(columns: Iterable[str]) -> list[str]:
    columns = list(columns)
    return columns + [c for c in OUTPUT_COLUMNS if c not in columns]


def write_csv(columns: list[str], rows: list[dict]) -> bytes:
    """UTF-8 with BOM (Excel's way of knowing it is UTF-8), CRLF line ends."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=output_columns(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(columns: list[str], rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("georouter")
    header = output_columns(columns)
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(c, "") for c in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
