"""WSGI entry point: ``waitress-serve --call service:create_app`` or ``georouter serve``."""
from georouter.web import create_app  # noqa: F401
