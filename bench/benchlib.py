"""What every benchmark script shares: running wrk against one server process while
measuring that process's CPU time, reading wrk's report, and summarising interleaved rounds.

CPU time per request is the server's utime+stime (from /proc/PID/stat) across the wrk run
divided by the requests wrk completed: on a shared 2-core machine it moves far less than
requests per second, because it does not depend on how much of the cores the server got.
"""

import os
import re
import statistics
import subprocess

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """The process's user plus system CPU time so far, in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # After the command name: state is field 3, utime field 14 and stime field 15 (1-based).
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def rss_kib(pid):
    """The process's resident set size in KiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def _milliseconds(value, text):
    match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if not match:
        raise RuntimeError(f"cannot read latency {value!r} in:\n{text}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(text):
    """requests/s, p50 and p99 in ms, requests completed and errors (socket errors plus non-2xx)."""
    if "Requests/sec" not in text or "50%" not in text:
        raise RuntimeError(f"wrk output without results (run with --latency?):\n{text}")
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors += int(non2xx.group(1)) if non2xx else 0
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": _milliseconds(re.search(r"^\s*50%\s+(\S+)", text, re.M).group(1), text),
        "p99": _milliseconds(re.search(r"^\s*99%\s+(\S+)", text, re.M).group(1), text),
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "errors": errors,
    }


def wrk(url, script, pid=None, duration="10s", connections=64, threads=2, env=None):
    """One wrk run; with `pid`, also the server's CPU µs per request across it."""
    before = cpu_seconds(pid) if pid else None
    completed = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency", "-s", script, url],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    result = parse_wrk(completed.stdout)
    if pid:
        result["cpu_us"] = (cpu_seconds(pid) - before) * 1e6 / max(1, result["requests"])
    return result


def median_spread(values):
    """`median (min–max)` of a list of numbers, formatted with two decimals."""
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def machine():
    """One line describing this machine."""
    model = "unknown CPU"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores, {model}"
