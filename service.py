"""WSGI entry point for any WSGI server: ``gunicorn 'service:create_app()'`` (``georouter serve`` does this)."""
from georouter.web import create_app  # noqa: F401
