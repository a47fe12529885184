"""A moto server in its own process, counting the API requests it answers.

    python benchmarks/moto_server.py PORT

Serves moto on 127.0.0.1:PORT like `moto_server`, plus `GET /__attestkit/requests` (the number of
AWS API requests answered since the last reset) and `POST /__attestkit/reset-count`.
"""

from __future__ import annotations

import json
import os
import sys
import threading

_lock = threading.Lock()
_count = 0


def counting(app):  # WSGI middleware
    def wrapped(environ, start_response):
        global _count
        path = environ.get("PATH_INFO", "")
        if path == "/__attestkit/requests":
            body = json.dumps({"requests": _count}).encode()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        if path == "/__attestkit/reset-count":
            with _lock:
                _count = 0
            start_response("200 OK", [("Content-Type", "application/json")])
            return [b"{}"]
        if not path.startswith("/moto-api"):
            with _lock:
                _count += 1
        return app(environ, start_response)

    return wrapped


def serve(port: int) -> None:
    import logging

    # Before moto is imported: it reads this when its EC2 backend loads.
    os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
    from moto.server import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = counting(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", port, app, threaded=True)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
