"""The call-centre console at ``/``: one input, one answer card, an offline vector map."""

from __future__ import annotations

from flask import Blueprint, render_template

from .holder import current_router

bp = Blueprint("console", __name__, static_folder="static", static_url_path="/static")


@bp.get("/")
def index():
    return render_template("console.html", boundary_version=current_router().version)
