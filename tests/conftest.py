"""Shared fixtures in flaskr's style: ``app``, ``client``, ``runner``, plus a live server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from georouter.web import create_app

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def app(tmp_path):
    """An app on the shipped boundaries with an admin token and a temporary workflow database."""
    return create_app({
        "admin_token": "test-token",
        "database_url": f"sqlite:///{tmp_path / 'workflow.sqlite3'}",
    })


@pytest.fixture
def client(app):
    return app.test_client()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout_s: float = 30.0) -> None:
    """Poll ``url`` until it answers 200 or ``timeout_s`` passes."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)


@contextlib.contextmanager
def serving(directory: Path, **env_overrides):
    """``georouter serve`` (2 workers) as a real subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    env = dict(os.environ, GEOROUTER_ADMIN_TOKEN="live-token", GEOROUTER_WORKERS="2",
               GEOROUTER_DATABASE_URL=f"sqlite:///{directory / 'wf.sqlite3'}", **env_overrides)
    with open(directory / "serve.log", "wb") as log_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "georouter", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log_file, stderr=subprocess.STDOUT, cwd=REPO)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/healthz")
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=20)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("live")) as base:
        yield base


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A fresh, empty workflow database URL: SQLite in tmp, or a new schema on the PostgreSQL server
    named by GEOROUTER_TEST_DATABASE_URL (skipped when unset; .ci/run sets it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workflow.sqlite3'}"
        return
    base = os.environ.get("GEOROUTER_TEST_DATABASE_URL")
    if not base:
        pytest.skip("GEOROUTER_TEST_DATABASE_URL is not set")
    import uuid

    import psycopg

    schema = f"georouter_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
