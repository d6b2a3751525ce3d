"""Time from exec to the first 200 answer to a tools/call, polling every ≤ 1 ms.

usage: coldstart.py RUNS TOKEN -- COMMAND... (the string {port} in COMMAND becomes a free port)
Prints the median and the spread in ms, one line: `median min max`.
"""

import http.client
import json
import socket
import statistics
import subprocess
import sys
import time

BODY = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "add", "arguments": {"a": 2, "b": 3}}})


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answered(port, token):
    """True once the server answers the call with 200 and a JSON-RPC result."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", "/mcp", BODY, {
            "Content-Type": "application/json", "Accept": "application/json, text/event-stream",
            "Authorization": f"Bearer {token}"})
        reply = connection.getresponse()
        return reply.status == 200 and b'"result"' in reply.read()
    except OSError:
        return False
    finally:
        connection.close()


def once(command, token):
    port = free_port()
    argv = [part.replace("{port}", str(port)) for part in command]
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not answered(port, token):
            if process.poll() is not None:
                sys.exit(f"{argv[0]} exited with {process.returncode} before answering")
            if time.perf_counter() - start > 60:
                sys.exit(f"{argv[0]} did not answer within 60 s")
            time.sleep(0.0005)
        return (time.perf_counter() - start) * 1000
    finally:
        process.kill()
        process.wait()


def main():
    runs, token = int(sys.argv[1]), sys.argv[2]
    command = sys.argv[sys.argv.index("--") + 1:]
    once(command, token)  # warm the page cache; not counted
    times = [once(command, token) for _ in range(runs)]
    print(f"{statistics.median(times):.1f} {min(times):.1f} {max(times):.1f}")


if __name__ == "__main__":
    main()
