"""The Flask application factory.

``create_app(config)`` reads settings, loads the boundary set into a :class:`~georouter.router.Router`
kept in ``app.extensions["georouter"]``, and registers the blueprints. Nothing happens at import.
"""

from __future__ import annotations

import time
from typing import Any, Mapping

from flask import Flask

from ..settings import load_settings


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the georouter WSGI app; ``config`` overrides settings by lower-case name."""
    settings = load_settings(config)
    app = Flask(__name__, instance_relative_config=True)
    app.config["GEOROUTER_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_upload_mb * 1024 * 1024
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["georouter_started"] = time.time()

    from . import admin, api, console, errors, health, logs, openapi, workflow_api
    from .holder import RouterHolder

    holder = RouterHolder(settings.boundaries, settings.offshore_m, online_geocoder(settings))
    app.extensions["georouter"] = holder
    app.extensions["georouter_workflow"] = _workflow(app, settings, holder)
    logs.init_app(app)
    errors.init_app(app)
    for blueprint in (health.bp, api.bp, admin.bp, openapi.bp, console.bp, workflow_api.bp):
        app.register_blueprint(blueprint)
    return app


def online_geocoder(settings):
    """The configured online geocoder wrapped in its safety gear, or ``None`` (offline default)."""
    from ..geocoding.chain import ResilientProvider
    from ..geocoding.providers import make_provider

    provider = make_provider(settings)
    return None if provider is None else ResilientProvider(provider, min_interval_s=settings.geocoder_min_interval_s)


def _workflow(app: Flask, settings, holder):
    """The workflow over the configured database (SQLite in the instance folder by default)."""
    from pathlib import Path

    from ..workflow.db import Database
    from ..workflow.deadlines import Limits
    from ..workflow.service import Workflow
    from ..workflow.store import RequestStore

    url = settings.database_url or f"sqlite:///{Path(app.instance_path) / 'workflow.sqlite3'}"
    limits = Limits(settings.contact_limit_hours, settings.plan_limit_workdays)
    return Workflow(RequestStore(Database.from_url(url), limits), lambda: holder.router)
