#!/usr/bin/env python3
"""Share of async-profiler samples (collapsed stacks) whose stack passes through each part of a request's path.

Usage: collapsed_breakdown.py FILE.collapsed

Parts overlap (a filter's share contains what runs inside it); each line says what it contains. The shares are
of every sample of the process: event loop, blocking threads, JIT and GC alike.
"""
import sys

PARTS = [
    ("whole Netty event loop (HTTP decode, filters, routing, encode, socket write)", "SingleThreadIoEventLoop.run"),
    ("blocking executor (io-executor) threads", "ThreadPoolExecutor$Worker.run"),
    ("socket write (writev, kernel)", "writev"),
    ("socket read", "SocketChannelImpl.read"),
    ("HTTP decode", "HttpObjectDecoder"),
    ("HTTP encode", "HttpObjectEncoder"),
    ("security filter (token, rules; includes what runs after it)", "security/filters/SecurityFilter"),
    ("token lookup (CachedTokenValidator)", "CachedTokenValidator"),
    ("request id + access log line (RequestIdFilter.stamp)", "RequestIdFilter.stamp"),
    ("logback (access log formatting and write)", "ch/qos/logback"),
    ("Micrometer", "io/micrometer"),
    ("rate limit", "RequestRateLimiter"),
    ("signature use case (membership, album, usage answers, signing)", "SignPrefixPolicyService"),
    ("OSS policy: JSON, Base64, HMAC, fields", "OssPostPolicyAdapter.sign"),
    ("HMAC-SHA256", "javax/crypto/Mac.doFinal"),
    ("response JSON (serde)", "JacksonJsonMapper.writeValue"),
    ("JIT compiler threads", "CompileBroker"),
    ("GC", "GCTask"),
]


def main(path):
    total = 0
    hits = [0] * len(PARTS)
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(" ")
        n = int(count)
        total += n
        for i, (_, marker) in enumerate(PARTS):
            if marker in stack:
                hits[i] += n
    print(f"samples: {total} (1 ms of CPU each)")
    for (label, _), n in zip(PARTS, hits):
        print(f"{100.0 * n / max(total, 1):6.1f} %  {label}")


if __name__ == "__main__":
    main(sys.argv[1])
