"""Another site: pages served on `localhost`, while the chapter is served on 127.0.0.1.

A browser treats the two names as different sites, so a page from here is a cross-site
attacker as far as cookies (`SameSite`), CORS and `Sec-Fetch-Site` go.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from shared_tests.servers import free_port


class OtherSite:
    """`page(name, html)` publishes a page and answers its URL."""

    def __init__(self, ports):
        self.pages = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = pages.get(self.path, "not found").encode()
                self.send_response(200 if self.path in pages else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.port = free_port(ports)
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def page(self, name, html):
        self.pages[f"/{name}"] = html
        return f"http://localhost:{self.port}/{name}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()
