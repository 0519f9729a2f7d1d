#!/usr/bin/env python3
"""A small HTTPS server for the faults nginx cannot produce (gover's end-to-end tests).

Serves a directory like go.dev/dl/: GET /dl/?mode=json... -> index.json, GET /dl/<name> -> the
file, honouring "Range: bytes=N-" (nested paths too, e.g. a GOPROXY tree). Archives (*.tar.gz,
and module zips *.zip) misbehave as --mode says:
  ok                  serve normally
  fail-once:CODE      the first archive request answers CODE, later ones are served
  status:CODE         every archive request answers CODE
  truncate:N          every archive response announces the full length but sends N bytes, closes
  truncate-once:N     the first response is cut after N bytes; later ones are served (with Range)
  stall:N             send N bytes, then nothing until the client gives up
  slow:BYTES_PER_SEC  send at that rate (in 4 KiB pieces)
  slow-once:BYTES_PER_SEC   the first archive request is slow, later ones are served
  delay-once:SECONDS  the first archive response sends its headers, then waits that long
  ignore-range        always send the whole file with 200, whatever Range says
  range-416-once      the first archive request with a Range answers 416 Range Not Satisfiable
  retry-after:VALUE   add "Retry-After: VALUE" to the fault answers of status, fail-once and
                      index-status
  index-status:CODE   the index (?mode=json...) answers CODE on every request
Modes combine with commas: "truncate-once:1000,ignore-range".
Each request is logged to --log as "<path> <status> range=<Range header or ->".
Prints the port to --port-file once listening. Stop it with SIGTERM.
"""
import argparse
import http.server
import os
import ssl
import sys
import threading
import time

ARGS = None
STATE = {"archive_requests": 0, "ranged_416": False}
LOCK = threading.Lock()


def log_line(text):
    with LOCK:
        with open(ARGS.log, "a") as log:
            log.write(text + "\n")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the request log is ours
        pass

    def send_plain(self, code, body=b"", headers=()):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        rng = self.headers.get("Range") or "-"
        if not path.startswith("/dl/"):
            log_line(f"{self.path} 404 range={rng}")
            return self.send_plain(404)
        name = path[len("/dl/"):] or "index.json"
        modes = dict(m.partition(":")[::2] for m in ARGS.mode.split(","))
        retry_after = [("Retry-After", modes["retry-after"])] if "retry-after" in modes else []
        if name == "index.json" and "index-status" in modes:
            log_line(f"{self.path} {modes['index-status']} range={rng}")
            return self.send_plain(int(modes["index-status"]), b"fault\n", retry_after)
        full = os.path.join(ARGS.root, name)
        # Nested paths (a GOPROXY tree) are served too, never outside the root.
        if name.startswith("/") or ".." in name.split("/") or not os.path.isfile(full):
            log_line(f"{self.path} 404 range={rng}")
            return self.send_plain(404, b"not found\n")
        with open(full, "rb") as f:
            data = f.read()
        if not name.endswith((".tar.gz", ".zip")):
            log_line(f"{self.path} 200 range={rng}")
            return self.send_body(200, data, 0, len(data))

        with LOCK:
            STATE["archive_requests"] += 1
            nth = STATE["archive_requests"]
        if "status" in modes or ("fail-once" in modes and nth == 1):
            code = modes.get("status") or modes.get("fail-once")
            log_line(f"{self.path} {code} range={rng}")
            return self.send_plain(int(code), b"fault\n", retry_after)
        if "range-416-once" in modes and rng != "-":
            with LOCK:
                first = not STATE["ranged_416"]
                STATE["ranged_416"] = True
            if first:
                log_line(f"{self.path} 416 range={rng}")
                return self.send_plain(416, b"", [("Content-Range", f"bytes */{len(data)}")])

        start = 0
        status = 200
        if rng.startswith("bytes=") and "ignore-range" not in modes:
            start = int(rng[len("bytes="):].split("-", 1)[0])
            status = 206
        log_line(f"{self.path} {status} range={rng}")
        limit = None
        rate = None
        stall = False
        if "truncate" in modes:
            limit = int(modes["truncate"])
        elif "truncate-once" in modes and nth == 1:
            limit = int(modes["truncate-once"])
        elif "stall" in modes:
            limit = int(modes["stall"])
            stall = True
        elif "slow" in modes:
            rate = int(modes["slow"])
        elif "slow-once" in modes and nth == 1:
            rate = int(modes["slow-once"])
        delay = float(modes["delay-once"]) if "delay-once" in modes and nth == 1 else 0
        self.send_body(status, data, start, len(data), limit=limit, rate=rate, stall=stall,
                       delay=delay)

    def send_body(self, status, data, start, total, limit=None, rate=None, stall=False, delay=0):
        self.send_response(status)
        self.send_header("Content-Length", str(total - start))
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{total - 1}/{total}")
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        body = data[start:]
        try:
            if delay:
                self.wfile.flush()
                time.sleep(delay)
            if limit is not None:
                self.wfile.write(body[:limit])
                self.wfile.flush()
                if stall:
                    while True:
                        time.sleep(1)
                self.close_connection = True
                # Drop the connection mid-body: the client sees a short read.
                self.connection.shutdown(2)
                return
            if rate is not None:
                step = 4096
                for at in range(0, len(body), step):
                    self.wfile.write(body[at:at + step])
                    self.wfile.flush()
                    time.sleep(step / rate)
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--mode", default="ok")
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    ARGS = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(ARGS.cert, ARGS.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(ARGS.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(ARGS.port_file + ".tmp", ARGS.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
