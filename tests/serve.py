#!/usr/bin/env python3
"""serve.py - the loopback HTTP(S) server sitrep's integration tests fetch from.

Serves a folder of feeds on 127.0.0.1 with ETag / Last-Modified / 304, optional
gzip and latency, and misbehaves on request.  Listens on an ephemeral port and
writes it to --port-file, so parallel test runs never collide.

  serve.py --dir DIR --port-file F [--latency-ms N] [--gzip] [--tls CERT KEY]

Files:     /feeds/NAME             the file DIR/NAME
Controls:  /__stats                JSON counters (requests by path, statuses,
                                   304s, bytes, max concurrent connections,
                                   user agents, authorization headers)
           /__reset                zero the counters
           /__set?path=P&status=N[&retry_after=S][&etag=0]
                                   make path P answer status N from now on
                                   (status=0 restores normal service)
Misbehaviour, each a path of its own:
  /x/status/N[?retry_after=S]      answer status N (429/503 with Retry-After)
  /x/moved/N?to=PATH               N (301, 302, 307, 308) to PATH
  /x/loop                          redirects to itself, forever
  /x/tofile                        302 to file:///etc/passwd
  /x/hang                          accepts, reads the request, never answers
  /x/trickle?delay=S               200, then one byte every S seconds
  /x/big?mb=N                      a chunked body of N MiB (a valid feed start)
  /x/gzipbomb?mb=N                 gzip body inflating to N MiB
  /x/reset                         half a feed, then a TCP reset
  /x/auth?user=U&pass=P            the feed only with basic auth U:P
  /x/told?cc=V&expires=V&ttl=N     a small feed sent with Cache-Control V,
                                   Expires V and <ttl>N</ttl> (each optional)
"""
import argparse
import base64
import gzip
import hashlib
import json
import os
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FEED_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
             b'<title>Stream</title><link>http://127.0.0.1/</link>\n')


def feed_item(i):
    return ('<item><title>Item %d</title><link>http://127.0.0.1/a/%d</link>'
            '<guid>stream-%d</guid><description>%s</description></item>\n'
            % (i, i, i, "x" * 200)).encode()


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.requests = {}
            self.statuses = {}
            self.not_modified = 0
            self.bytes = 0
            self.current = 0
            self.max_concurrent = 0
            self.connections = 0
            self.user_agents = {}
            self.auth = []

    def conn_open(self):
        with self.lock:
            self.connections += 1
            self.current += 1
            self.max_concurrent = max(self.max_concurrent, self.current)

    def conn_close(self):
        with self.lock:
            self.current -= 1

    def request(self, path, ua, auth):
        with self.lock:
            self.requests[path] = self.requests.get(path, 0) + 1
            self.user_agents[path] = ua
            if auth:
                self.auth.append(auth)

    def done(self, status, nbytes):
        with self.lock:
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
            if status == 304:
                self.not_modified += 1
            self.bytes += nbytes

    def as_dict(self):
        with self.lock:
            return {"requests": self.requests, "statuses": self.statuses,
                    "not_modified": self.not_modified, "bytes": self.bytes,
                    "max_concurrent": self.max_concurrent,
                    "connections": self.connections,
                    "user_agents": self.user_agents, "auth": self.auth}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "sitrep-test/1"

    def setup(self):
        super().setup()
        self.server.stats.conn_open()

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.stats.conn_close()

    def log_message(self, fmt, *args):
        pass

    # -- plumbing --
    def send_body(self, status, body, headers=(), ctype="application/rss+xml"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.server.stats.done(status, len(body))

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        path = url.path
        srv = self.server
        if path == "/__stats":
            return self.send_body(200, json.dumps(srv.stats.as_dict()).encode(),
                                  ctype="application/json")
        if path == "/__reset":
            srv.stats.reset()
            return self.send_body(200, b"ok", ctype="text/plain")
        if path == "/__set":
            with srv.lock:
                st = int(q.get("status", "0"))
                if st == 0:
                    srv.overrides.pop(q["path"], None)
                else:
                    srv.overrides[q["path"]] = q
            return self.send_body(200, b"ok", ctype="text/plain")
        srv.stats.request(path, self.headers.get("User-Agent", ""),
                          self.headers.get("Authorization", ""))
        if srv.latency > 0:
            time.sleep(srv.latency)
        with srv.lock:
            override = srv.overrides.get(path)
        if override is not None:
            return self.status_reply(int(override["status"]), override)
        if path.startswith("/feeds/"):
            return self.serve_file(path[len("/feeds/"):])
        if path.startswith("/x/"):
            parts = path.split("/")
            name = parts[2]
            handler = getattr(self, "x_" + name, None)
            if handler is not None:
                return handler(parts[3:], q)
        self.send_body(404, b"not found", ctype="text/plain")

    def status_reply(self, status, q):
        hdrs = []
        if "retry_after" in q:
            hdrs.append(("Retry-After", q["retry_after"]))
        self.send_body(status, b"<html><body>status %d</body></html>" % status,
                       hdrs, ctype="text/html")

    def serve_file(self, name):
        root = self.server.root
        full = os.path.realpath(os.path.join(root, name))
        if not full.startswith(root + os.sep) or not os.path.isfile(full):
            return self.send_body(404, b"no such feed", ctype="text/plain")
        with open(full, "rb") as f:
            body = f.read()
        st = os.stat(full)
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        lm = formatdate(int(st.st_mtime), usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (inm is not None and inm == etag) or (inm is None and ims is not None
                                                 and self.not_modified_since(ims, st)):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", lm)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.stats.done(304, 0)
            return
        hdrs = [("ETag", etag), ("Last-Modified", lm)]
        if self.server.max_age is not None:
            hdrs.append(("Cache-Control", "max-age=%d" % self.server.max_age))
        if self.server.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            hdrs.append(("Content-Encoding", "gzip"))
        ctype = "application/feed+json" if name.endswith(".json") else \
            "application/rss+xml"
        if name.endswith(".xml") and b"encoding=" not in body[:100]:
            ctype += "; charset=utf-8"
        self.send_body(200, body, hdrs, ctype=ctype)

    @staticmethod
    def not_modified_since(ims, st):
        try:
            return int(st.st_mtime) <= parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            return False

    # -- misbehaviour --
    def x_status(self, parts, q):
        self.status_reply(int(parts[0]) if parts else 500, q)

    def x_moved(self, parts, q):
        status = int(parts[0]) if parts else 301
        self.send_response(status)
        self.send_header("Location", q.get("to", "/feeds/"))
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.server.stats.done(status, 0)

    def x_loop(self, parts, q):
        self.send_response(302)
        self.send_header("Location", "/x/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.server.stats.done(302, 0)

    def x_tofile(self, parts, q):
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.server.stats.done(302, 0)

    def x_hang(self, parts, q):
        self.close_connection = True
        self.server.stop.wait(600)

    def x_trickle(self, parts, q):
        delay = float(q.get("delay", "2"))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.close_connection = True
        for b in FEED_HEAD * 1000:
            if self.server.stop.wait(delay):
                return
            try:
                self.wfile.write(bytes([b]))
                self.wfile.flush()
            except OSError:
                return

    def x_big(self, parts, q):
        mb = float(q.get("mb", "20"))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        sent, i = 0, 0
        try:
            chunk = FEED_HEAD
            while sent < mb * 1024 * 1024:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                i += 1
                chunk = b"".join(feed_item(i * 100 + k) for k in range(100))
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass
        self.server.stats.done(200, sent)

    def x_gzipbomb(self, parts, q):
        # Streamed, one compressed MiB of spaces at a time: the first bytes
        # leave at once (compressing 300 MiB up front took longer than a
        # test's timeout on a loaded machine), and a client that stops at
        # its cap costs the server no more than what it sent.
        mb = int(q.get("mb", "200"))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        block = b" " * (1 << 20)
        sent = 0
        try:
            for i in range(mb + 1):
                out = z.compress(FEED_HEAD if i == 0 else block)
                if i == mb:
                    out += z.flush()
                if out:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(out), out))
                    sent += len(out)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass
        self.server.stats.done(200, sent)

    def x_reset(self, parts, q):
        body = FEED_HEAD + b"".join(feed_item(i) for i in range(20))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body) * 3))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        time.sleep(0.2)
        # SO_LINGER 0: close() sends RST instead of FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   struct.pack("ii", 1, 0))
        self.close_connection = True
        self.server.stats.done(200, len(body))

    def x_auth(self, parts, q):
        want = "Basic " + base64.b64encode(
            ("%s:%s" % (q.get("user", ""), q.get("pass", ""))).encode()).decode()
        if self.headers.get("Authorization") != want:
            return self.send_body(401, b"auth", [("WWW-Authenticate",
                                                   'Basic realm="feeds"')],
                                  ctype="text/plain")
        self.send_body(200, FEED_HEAD + feed_item(1) + b"</channel></rss>\n")


    def x_told(self, parts, q):
        hdrs = []
        if "cc" in q:
            hdrs.append(("Cache-Control", q["cc"]))
        if "expires" in q:
            hdrs.append(("Expires", q["expires"]))
        ttl = b"<ttl>%s</ttl>" % q["ttl"].encode() if "ttl" in q else b""
        self.send_body(200, FEED_HEAD + ttl + feed_item(1) +
                       b"</channel></rss>\n", hdrs)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, root, latency, gz, max_age):
        super().__init__(addr, Handler)
        self.root = os.path.realpath(root)
        self.latency = latency
        self.gzip = gz
        self.max_age = max_age
        self.stats = Stats()
        self.lock = threading.Lock()
        self.overrides = {}
        self.stop = threading.Event()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--latency-ms", type=float, default=0)
    p.add_argument("--gzip", action="store_true")
    p.add_argument("--max-age", type=int)
    p.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    a = p.parse_args()
    srv = Server(("127.0.0.1", a.port), a.dir, a.latency_ms / 1000.0, a.gzip,
                 a.max_age)
    if a.tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(a.tls[0], a.tls[1])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.replace(tmp, a.port_file)
    try:
        srv.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        srv.stop.set()


if __name__ == "__main__":
    sys.exit(main())
