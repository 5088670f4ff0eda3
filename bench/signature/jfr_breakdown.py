#!/usr/bin/env python3
"""Summaries for profile.sh.

  jfr_breakdown.py cpu --ticks HZ RUN.wrk CPU0 CPU1 [--label L]
      req/s, latency and the service's CPU per request from per-thread /proc ticks taken before and after a wrk run:
      request threads (Netty event loops and the blocking executor), GC, JIT compilers, the rest.
  jfr_breakdown.py samples SAMPLES.txt ALLOCATIONS.txt --wrk RUN.wrk --cpu CPU0 CPU1 --ticks HZ
      every jdk.ExecutionSample / jdk.ObjectAllocationSample of a request thread (text of `jfr print`) sorted into
      one category: the first category in CATEGORIES that any frame of its stack matches. A category's CPU per
      request is its share of the samples times the request threads' CPU per request.
"""
import argparse
import collections
import re

REQUEST_THREAD = re.compile(r"^(default-\w+EventLoopGroup|io-executor-thr|default-nioEven|default-epollEve)")
GC_THREAD = re.compile(r"^(GC Thread|G1 |VM Thread|VM Periodic)")
JIT_THREAD = re.compile(r"^(C1 CompilerThre|C2 CompilerThre)")

# (category, frame pattern); the first category any frame matches wins, so more specific ones come first.
CATEGORIES = [
    ("signing: V4 key + HMAC", r"\.V4PolicySigner\.|\.SigningKeys\.|com\.aliyun\.oss\."),
    ("policy JSON, Base64, form fields", r"\.PolicyDocumentWriter\.|\.PolicySafetyCheck\.|\.OssPostPolicyAdapter\."),
    ("STS credential cache", r"\.StsCredentialIssuer\."),
    ("membership query", r"\.FamilyAccess\.requireMember\(|\.CachedMemberships\.|MembershipRepository"),
    ("album lookup", r"\.JdbcAlbumAdapter\.|AlbumRepository"),
    ("quota usage query", r"\.JdbcFamilyUsageAdapter\.|FamilyUsageRepository|\.FamilyUsageCounter"),
    ("rate limiter", r"\.SigningRateLimiter\."),
    ("token verification", r"io\.micronaut\.security\.token\.|com\.nimbusds\.|\.JwtSignatureFactory"),
    ("security filter, rules", r"io\.micronaut\.security\."),
    ("response serialisation", r"io\.micronaut\.serde\.|com\.fasterxml\.jackson\.|SignatureResponse\.from|"
                               r"io\.micronaut\.json\.|\.JsonMessageHandler\."),
    ("other database work", r"io\.micronaut\.data\.|io\.micronaut\.transaction\.|org\.h2\.|org\.postgresql\.|"
                            r"com\.zaxxer\.hikari\."),
    ("controller, use case, other app code", r"dev\.directupload\."),
    ("executor hand-off", r"java\.util\.concurrent\.(ThreadPoolExecutor|LinkedBlockingQueue|ForkJoin)|"
                          r"io\.micronaut\.scheduling\."),
    ("logging", r"ch\.qos\.logback\.|org\.slf4j\."),
]
HTTP = "HTTP pipeline: Netty, routing, filters, codecs"
COMPILED = [(name, re.compile(pattern)) for name, pattern in CATEGORIES]


def parse_events(path):
    """Yields (thread, weight_bytes or None, frames) per event of `jfr print` text."""
    thread, weight, frames, in_stack = None, None, [], False
    with open(path, encoding="utf-8", errors="replace") as text:
        for line in text:
            s = line.strip()
            if s.endswith("{") and s.startswith("jdk."):
                thread, weight, frames, in_stack = None, None, [], False
            elif s.startswith("sampledThread = ") or s.startswith("eventThread = "):
                m = re.search(r'"(.*)"', s)
                thread = m.group(1) if m else s
            elif s.startswith("weight = "):
                weight = parse_size(s[len("weight = "):])
            elif s.startswith("stackTrace = ["):
                in_stack = True
            elif in_stack and s == "]":
                in_stack = False
            elif in_stack:
                frames.append(s)
            elif s == "}":
                yield thread, weight, frames


def parse_size(text):
    m = re.match(r"([\d.,]+)\s*(bytes|byte|kB|MB|GB)", text)
    if not m:
        return 0
    value = float(m.group(1).replace(",", ""))
    return value * {"bytes": 1, "byte": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[m.group(2)]


def category(frames):
    for name, pattern in COMPILED:
        if any(pattern.search(f) for f in frames):
            return name
    return HTTP


def wrk_figures(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    p50 = re.search(r"50%\s+(\S+)", text)
    p99 = re.search(r"99%\s+(\S+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, total, p50.group(1) if p50 else "-", p99.group(1) if p99 else "-", int(non2xx.group(1)) if non2xx else 0


def thread_ticks(before, after):
    """Ticks per thread group between two snapshots (threads that started in between count from 0)."""
    def read(path):
        rows = collections.Counter()
        for line in open(path):
            name, _, ticks = line.rstrip("\n").rpartition("\t")
            rows[name] += int(ticks)
        return rows
    b, a = read(before), read(after)
    groups = collections.Counter()
    for name in a:
        delta = a[name] - b.get(name, 0)
        if REQUEST_THREAD.match(name):
            groups["request threads"] += delta
        elif GC_THREAD.match(name):
            groups["GC"] += delta
        elif JIT_THREAD.match(name):
            groups["JIT"] += delta
        else:
            groups["other threads"] += delta
    return groups


def cpu(args):
    rps, total, p50, p99, non2xx = wrk_figures(args.wrk)
    groups = thread_ticks(args.cpu0, args.cpu1)
    us = lambda ticks: ticks / args.ticks / total * 1e6
    all_ticks = sum(groups.values())
    print(f"\n## {args.label}: {rps:,.0f} req/s, p50 {p50}, p99 {p99}, non-2xx {non2xx}, {total:,} requests")
    print(f"CPU per request: {us(all_ticks):.1f} us = "
          + ", ".join(f"{g} {us(groups[g]):.1f}" for g in ("request threads", "GC", "JIT", "other threads")))


def samples(args):
    _, total, *_ = wrk_figures(args.wrk)
    groups = thread_ticks(args.cpu[0], args.cpu[1])
    request_us = groups["request threads"] / args.ticks / total * 1e6
    counts, other_threads = collections.Counter(), 0
    leaf_by_category = collections.defaultdict(collections.Counter)
    for thread, _, frames in parse_events(args.samples):
        if thread is None or not REQUEST_THREAD.match(thread):
            other_threads += 1
            continue
        name = category(frames)
        counts[name] += 1
        if frames:
            leaf_by_category[name][re.sub(r"\(.*", "", frames[0])] += 1
    allocated = collections.Counter()
    for thread, weight, frames in parse_events(args.allocations):
        if thread is not None and REQUEST_THREAD.match(thread):
            allocated[category(frames)] += weight or 0
    n = sum(counts.values())
    print(f"\n## JFR execution samples of the request threads: {n} ({other_threads} on other threads)")
    print(f"request threads' CPU per request: {request_us:.1f} us (GC {groups['GC'] / args.ticks / total * 1e6:.1f}, "
          f"JIT {groups['JIT'] / args.ticks / total * 1e6:.1f}, other threads "
          f"{groups['other threads'] / args.ticks / total * 1e6:.1f} us, not in the table)\n")
    print("| where | samples | share | us per request | allocated bytes per request |")
    print("|---|---:|---:|---:|---:|")
    for name, count in counts.most_common():
        print(f"| {name} | {count} | {count / n:.1%} | {count / n * request_us:.1f} | "
              f"{allocated[name] / total:,.0f} |")
    print(f"| total | {n} | 100% | {request_us:.1f} | {sum(allocated.values()) / total:,.0f} |")
    print("\nHottest leaf frames per category:")
    for name, count in counts.most_common():
        top = ", ".join(f"{leaf} {c}" for leaf, c in leaf_by_category[name].most_common(4))
        print(f"- {name}: {top}")


ap = argparse.ArgumentParser()
sub = ap.add_subparsers(dest="command", required=True)
c = sub.add_parser("cpu")
c.add_argument("wrk")
c.add_argument("cpu0")
c.add_argument("cpu1")
c.add_argument("--ticks", type=float, required=True)
c.add_argument("--label", default="run")
s = sub.add_parser("samples")
s.add_argument("samples")
s.add_argument("allocations")
s.add_argument("--wrk", required=True)
s.add_argument("--cpu", nargs=2, required=True)
s.add_argument("--ticks", type=float, required=True)
args = ap.parse_args()
cpu(args) if args.command == "cpu" else samples(args)
