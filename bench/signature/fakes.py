#!/usr/bin/env python3
"""Loopback stand-ins for the two services a storage.provider=oss benchmark needs, on one port:

  POST (any path)             STS AssumeRole: temporary credentials for an hour (the request is not checked)
  GET /sns/jscode2session     WeChat login: openid derived from js_code, so one code is always one user
  GET /__stats                {"assume_role": N}

  python3 fakes.py --port 18081          (127.0.0.1 only; every answer closes its connection)

The service asks STS once per family per credential lifetime, so speed does not matter here.
"""
import argparse
import datetime
import hashlib
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ap = argparse.ArgumentParser()
ap.add_argument("--port", type=int, default=18081)
args = ap.parse_args()
calls = {"assume_role": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, body):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/__stats":
            return self.answer(calls)
        code = (parse_qs(url.query).get("js_code") or ["bench"])[0]
        self.answer({"openid": "o_" + hashlib.sha1(code.encode()).hexdigest()[:24],
                     "session_key": "c2Vzc2lvbmtleQ==", "errcode": 0})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        calls["assume_role"] += 1
        n = calls["assume_role"]
        expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1))
        self.answer({
            "RequestId": "00000000-0000-0000-0000-%012d" % n,
            "AssumedRoleUser": {"Arn": "acs:ram::1:role/bench/s", "AssumedRoleId": "1:s"},
            "Credentials": {
                "AccessKeyId": "STS.bench%014d" % n,
                "AccessKeySecret": "benchSecret%021d" % n,
                # Real tokens are several hundred characters long.
                "SecurityToken": "CAIS" + hashlib.sha512(str(n).encode()).hexdigest() * 6,
                "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
        })

    def log_message(self, *ignored):
        pass


ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()
