"""``POST /assign/batch`` with an uploaded CSV/XLSX file: answers with the annotated file."""

from __future__ import annotations

from flask import Response, request

from .. import batch
from ..errors import InvalidInput, PayloadTooLarge
from .holder import current_router

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def assign_uploaded_file(limit: int) -> Response:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise InvalidInput("upload the table as multipart field 'file'", details={"field": "file"})
    columns, rows = batch.read_table(upload.read(), upload.filename)
    if len(rows) > limit:
        raise PayloadTooLarge(f"file has {len(rows)} rows, the limit is {limit}", details={"limit": limit})
    results = batch.assign_rows(current_router(), columns, rows, at=request.form.get("at") or None)
    stem = upload.filename.rsplit(".", 1)[0]
    if upload.filename.lower().endswith((".xlsx", ".xlsm")):
        body, mimetype, name = batch.write_xlsx(columns, results), XLSX, f"{stem}-assigned.xlsx"
    else:
        body, mimetype, name = batch.write_csv(columns, results), "text/csv; charset=utf-8", f"{stem}-assigned.csv"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    response.headers["X-Rows"] = str(len(results))
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
