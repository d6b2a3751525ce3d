"""The token check under distinct and hostile tokens, in interleaved rounds against one server.

usage: tokens.py --pid PID --url URL --token TOKEN --distinct FILE --invalid FILE
                 [--rounds 3] [--duration 10s] [--connections 64] [--hostile-connections 8]

Per round: (1) the baseline, one valid token reused (a cache hit after the first request);
(2) every request with the next of many distinct valid tokens (FILE holds ≥ 4× the verified-token
cache's capacity, so hits are rare and nearly every request verifies an RS256 signature);
(3) the baseline again while a second wrk sends tokens with invalid signatures on
--hostile-connections connections: the valid traffic's p99 against (1)'s.
"""

import argparse
import os
import statistics
import subprocess
import sys

import benchlib


def start_wrk(url, script, duration, connections, env):
    return subprocess.Popen(
        ["wrk", "-t1" if connections < 4 else "-t2", f"-c{connections}", f"-d{duration}", "--latency", "-s", script, url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env})


def main():
    parser = argparse.ArgumentParser()
    for name in ("--pid", "--url", "--token", "--distinct", "--invalid"):
        parser.add_argument(name, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--hostile-connections", type=int, default=8)
    args = parser.parse_args()
    pid = int(args.pid)
    distinct_count = sum(1 for line in open(args.distinct) if line.strip())

    rows = {"reused": [], "distinct": [], "under attack": []}
    hostile = []
    for number in range(1, args.rounds + 1):
        rows["reused"].append(benchlib.wrk(args.url, "bench/wrk/tools-call.lua", pid=pid, duration=args.duration,
                                           connections=args.connections, env={"TOKEN": args.token}))
        rows["distinct"].append(benchlib.wrk(args.url, "bench/wrk/tokens.lua", pid=pid, duration=args.duration,
                                             connections=args.connections, env={"TOKENS_FILE": args.distinct}))
        before = benchlib.cpu_seconds(pid)
        attacker = start_wrk(args.url, "bench/wrk/tokens.lua", args.duration, args.hostile_connections, {"TOKENS_FILE": args.invalid})
        valid = benchlib.wrk(args.url, "bench/wrk/tools-call.lua", duration=args.duration, connections=args.connections,
                             env={"TOKEN": args.token})
        out, _ = attacker.communicate()
        bad = benchlib.parse_wrk(out)
        refused = bad["errors"]
        valid["cpu_us"] = (benchlib.cpu_seconds(pid) - before) * 1e6 / max(1, valid["requests"] + bad["requests"])
        rows["under attack"].append(valid)
        hostile.append(bad)
        if refused < bad["requests"]:
            sys.exit(f"round {number}: {bad['requests'] - refused} requests with an invalid signature were not refused")
        print(f"round {number}: reused p99 {rows['reused'][-1]['p99']:.2f} ms, distinct p99 {rows['distinct'][-1]['p99']:.2f} ms, "
              f"under attack p99 {valid['p99']:.2f} ms ({bad['rps']:.0f} invalid tokens/s refused)", file=sys.stderr)

    print(f"\nmachine: {benchlib.machine()}; wrk -c{args.connections} -d{args.duration}; {args.rounds} interleaved rounds; "
          f"medians over rounds (spread); {distinct_count:,} distinct valid tokens; hostile wrk on {args.hostile_connections} connections\n")
    print("| run | requests/s | p50 ms | p99 ms | errors | CPU µs/request | p99 / reused | CPU / reused |")
    print("|---|---|---|---|---|---|---|---|")
    labels = {"reused": "one valid token, reused (cache hit)", "distinct": "a distinct valid token per request (cache miss)",
              "under attack": "one valid token, with invalid-signature tokens alongside"}
    for name, runs in rows.items():
        p99 = [mine["p99"] / base["p99"] for mine, base in zip(runs, rows["reused"])]
        cpu = [mine["cpu_us"] / base["cpu_us"] for mine, base in zip(runs, rows["reused"])]
        print(f"| {labels[name]} | {statistics.median(r['rps'] for r in runs):.0f} | {statistics.median(r['p50'] for r in runs):.2f} | "
              f"{statistics.median(r['p99'] for r in runs):.2f} | {sum(r['errors'] for r in runs)} | "
              f"{statistics.median(r['cpu_us'] for r in runs):.1f} | {benchlib.median_spread(p99)} | {benchlib.median_spread(cpu)} |")
    print(f"\ninvalid-signature tokens: {statistics.median(b['rps'] for b in hostile):.0f}/s, every one refused "
          f"({sum(b['requests'] for b in hostile):,} requests, {sum(b['errors'] for b in hostile):,} non-2xx); "
          "the CPU column of the attacked run divides by valid and invalid requests together")
    attacked = statistics.median(m["p99"] / b["p99"] for m, b in zip(rows["under attack"], rows["reused"]))
    print(f"valid p99 under attack / baseline: {attacked:.2f}× (target ≤ 2×: {'met' if attacked <= 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
