"""Test helper: the web page served by uvicorn on a free loopback port in a thread, for HTTP and browser tests."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import uvicorn

from auditor.config import Config
from auditor.web.app import Settings, create_app


@contextmanager
def serving(**settings):
    """Yields (base URL, app); the server stops and its temporary folder is removed afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(Settings(settings.pop("config", None) or Config(), **settings))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(timeout=15)
