"""A Web Push service on 127.0.0.1 for tests/cli/push.rs, built on libraries prayer-guide did
not write: `http_ece` decrypts each message with the browser's private key and auth secret
(RFC 8291, aes128gcm), and `py_vapid` checks the VAPID token's ES256 signature (RFC 8292).

    python service.py DIR N

makes N browsers (a P-256 key pair and an auth secret each, as a browser does), writes their
subscriptions to DIR/subscriptions.json, prints `listening PORT`, and serves POST /push/<i>.
Every request is appended to DIR/received.jsonl (synced) as it arrives, with what was checked.
DIR/control.json, read on each request, may say {"gone": [i], "hang": [i]}: answer 410, or
wait a minute before answering (so a test can kill the sender mid-push); else 201.
"""

import base64
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import jwt as vapid_jwt

DIR = sys.argv[1]
N = int(sys.argv[2])
LOCK = threading.Lock()


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


BROWSERS = []
for _ in range(N):
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    BROWSERS.append((private, public, os.urandom(16)))


def control():
    try:
        with open(os.path.join(DIR, "control.json")) as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def record(entry):
    with LOCK:
        with open(os.path.join(DIR, "received.jsonl"), "a") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()
            os.fsync(f.fileno())


def check(index, headers, body, port):
    """What the request carried, each part checked by the libraries; raises on a bad one."""
    private, _, auth = BROWSERS[index]
    scheme, _, params = headers.get("Authorization", "").partition(" ")
    assert scheme.lower() == "vapid", "Authorization is not vapid"
    parts = dict(p.strip().split("=", 1) for p in params.split(","))
    claims = vapid_jwt.decode(parts["t"], parts["k"])  # raises InvalidSignature
    assert claims["aud"] == "http://127.0.0.1:%d" % port, "aud %r" % claims["aud"]
    assert 0 < claims["exp"] - time.time() <= 24 * 3600, "exp %r" % claims["exp"]
    plain = http_ece.decrypt(body, private_key=private, auth_secret=auth, version="aes128gcm")
    return {
        "sub": index,
        "k": parts["k"],
        "claims": claims,
        "ttl": headers.get("TTL"),
        "urgency": headers.get("Urgency"),
        "topic": headers.get("Topic"),
        "encoding": headers.get("Content-Encoding"),
        "body_len": len(body),
        "payload": json.loads(plain.decode("utf-8")),
    }


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        port = self.server.server_address[1]
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            index = int(self.path.rsplit("/", 1)[1])
            entry = check(index, self.headers, body, port)
        except Exception as e:  # any failed check: recorded, and refused
            record({"error": "%s: %s" % (type(e).__name__, e), "path": self.path})
            self.send_response(400)
            self.end_headers()
            return
        record(entry)
        rules = control()
        if index in rules.get("hang", []):
            time.sleep(60)
        self.send_response(410 if index in rules.get("gone", []) else 201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
port = server.server_address[1]
with open(os.path.join(DIR, "subscriptions.json"), "w") as f:
    json.dump(
        [
            {
                "endpoint": "http://127.0.0.1:%d/push/%d" % (port, i),
                "expirationTime": None,
                "keys": {"p256dh": b64(public), "auth": b64(auth)},
            }
            for i, (_, public, auth) in enumerate(BROWSERS)
        ],
        f,
    )
print("listening", port, flush=True)
server.serve_forever()
