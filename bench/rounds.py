"""Interleaved rounds of wrk against several servers, with each server's CPU time per request.

usage: rounds.py --rounds N --duration D --connections C --threads T
                 --scenario NAME PID URL WRK_SCRIPT LABEL   (repeatable; the first is the baseline)
                 [--memory NAME]                            (RSS checkpoints of that scenario)

Every round runs every scenario once, the order turned by one each round, so a slow minute of the
shared machine hits all of them and no scenario always runs in the same place. Ratios are computed round by round against the baseline of the same round, and the table
shows the median over rounds (and the spread). With --memory, the named server is first driven to
50k requests (RSS checkpoint), and after the rounds topped up to 1M (second checkpoint).
Environment for the wrk scripts (TOKEN, SESSIONS, ...) is passed through.
"""

import argparse
import statistics
import sys

import benchlib

CHECKPOINTS = (50_000, 1_000_000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--scenario", nargs=5, action="append", metavar=("NAME", "PID", "URL", "SCRIPT", "LABEL"), required=True)
    parser.add_argument("--memory")
    parser.add_argument("--also-against", help="a second baseline scenario for the CPU ratio")
    args = parser.parse_args()
    scenarios = [dict(name=n, pid=int(p), url=u, script=s, label=l) for n, p, u, s, l in args.scenario]
    by_name = {s["name"]: s for s in scenarios}
    baseline = scenarios[0]["name"]

    def run(scenario, duration=args.duration, connections=args.connections):
        result = benchlib.wrk(scenario["url"], scenario["script"], pid=scenario["pid"], duration=duration,
                              connections=connections, threads=args.threads)
        served[scenario["name"]] = served.get(scenario["name"], 0) + result["requests"]
        return result

    served = {}
    rss = []
    if args.memory:
        while served.get(args.memory, 0) < CHECKPOINTS[0]:
            run(by_name[args.memory], duration="2s")
        rss.append((served[args.memory], benchlib.rss_kib(by_name[args.memory]["pid"])))

    rounds = {s["name"]: [] for s in scenarios}
    for number in range(1, args.rounds + 1):
        # The order turns by one each round, so no scenario always runs first, last or
        # right after the same neighbour (a slow stretch of the shared machine, or the
        # previous server's caches, would otherwise always land on the same scenario).
        shift = (number - 1) % len(scenarios)
        for scenario in scenarios[shift:] + scenarios[:shift]:
            result = run(scenario)
            rounds[scenario["name"]].append(result)
            print(f"round {number} {scenario['name']}: {result['rps']:.0f} req/s, p99 {result['p99']:.2f} ms, "
                  f"{result['cpu_us']:.1f} µs CPU/request, {result['errors']} errors", file=sys.stderr)

    if args.memory:
        while served[args.memory] < CHECKPOINTS[1]:
            run(by_name[args.memory], duration="5s")
        rss.append((served[args.memory], benchlib.rss_kib(by_name[args.memory]["pid"])))

    def ratios(name, key, against=baseline):
        return [mine[key] / base[key] for mine, base in zip(rounds[name], rounds[against])]

    print(f"\nmachine: {benchlib.machine()}; wrk -t{args.threads} -c{args.connections} -d{args.duration}; "
          f"{args.rounds} interleaved rounds; medians over rounds, spread in parentheses; release builds; loopback\n")
    second = args.also_against
    header = "| scenario | requests/s | p50 ms | p99 ms | errors | CPU µs/request | CPU / bare |"
    header += f" CPU / {second} |" if second else ""
    header += " p99 / bare | requests/s / bare |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for scenario in scenarios:
        name, runs = scenario["name"], rounds[scenario["name"]]
        row = [scenario["label"], f"{statistics.median(r['rps'] for r in runs):.0f}",
               f"{statistics.median(r['p50'] for r in runs):.2f}", f"{statistics.median(r['p99'] for r in runs):.2f}",
               str(sum(r["errors"] for r in runs)), f"{statistics.median(r['cpu_us'] for r in runs):.1f}",
               benchlib.median_spread(ratios(name, "cpu_us"))]
        if second:
            row.append(benchlib.median_spread(ratios(name, "cpu_us", against=second)))
        row += [benchlib.median_spread(ratios(name, "p99")), benchlib.median_spread(ratios(name, "rps"))]
        print("| " + " | ".join(row) + " |")
    if rss:
        (first_n, first_kib), (last_n, last_kib) = rss
        print(f"\nRSS of {args.memory}: {first_kib / 1024:.1f} MiB after {first_n:,} requests, "
              f"{last_kib / 1024:.1f} MiB after {last_n:,} (ratio {last_kib / first_kib:.2f}×)")
    if "stateless" in rounds and "stateful" in rounds:
        stateful = statistics.median(ratios("stateful", "cpu_us", against="stateless"))
        print(f"stateful CPU per request / stateless, median of rounds: {stateful:.2f}×")


if __name__ == "__main__":
    main()
