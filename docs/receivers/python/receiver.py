"""A Statalog webhook receiver in Python 3, standard library only: `python3 receiver.py`.

POST /statalog checks the spec's X-Statalog-Signature; POST /standard checks the Standard
Webhooks headers, with replay protection. Either answers 204 when the request is genuine,
401 otherwise. Environment: STATALOG_WEBHOOK_SECRET (exactly as shown), PORT.
"""
import base64
import hashlib
import hmac
import os
import re
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ["STATALOG_WEBHOOK_SECRET"]
TOLERANCE_SECONDS = 5 * 60  # an older webhook-timestamp is a replay


def verify_statalog(body, signature_header, secret):
    """The spec's scheme: "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the whole secret string."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    # compare bytes: compare_digest refuses str with non-ASCII characters, which anyone can send
    return hmac.compare_digest(expected.encode(), (signature_header or "").encode())


def verify_standard(body, headers, secret):
    """Standard Webhooks: "v1," + base64 HMAC-SHA256 of "id.timestamp.body", keyed with the decoded whsec_ bytes."""
    msg_id, timestamp, signatures = (headers.get(name) for name in ("webhook-id", "webhook-timestamp", "webhook-signature"))
    if not (msg_id and timestamp and signatures and re.fullmatch(r"[0-9]{1,12}", timestamp)):
        return False
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret[len("whsec_"):])
    signed = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = ("v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()).encode()
    return any(hmac.compare_digest(expected, candidate.encode()) for candidate in signatures.split(" "))


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        length = self.headers.get("Content-Length", "")
        if not length.isascii() or not length.isdigit():
            self.send_response(411)
            self.end_headers()
            return
        body = self.rfile.read(int(length))  # the raw bytes: verify before json.loads
        if self.path == "/statalog":
            genuine = verify_statalog(body, self.headers.get("X-Statalog-Signature"), SECRET)
        elif self.path == "/standard":
            genuine = verify_standard(body, self.headers, SECRET)
        else:
            genuine = False
        # when genuine, handle the event here, e.g. json.loads(body)["event"]
        self.send_response(204 if genuine else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Receiver)
    print("listening", flush=True)
    server.serve_forever()
