"""A small stdio MCP server for the proxy tests, written without any SDK.

Tools: echo(text), whoami (reports the caller _meta the proxy may forward),
slow(seconds) with progress, hang (never answers; one progress event first when given a token), crash (exits at once),
noisy(text) (prints non-JSON lines to stdout first), sample (asks the client for
sampling and reports the answer), meta (reports the whole _meta it received),
helper (starts a long-lived grandchild that inherits stdio, then answers),
helper_then_exit (the same, then exits without answering), huge(bytes) (answers with a
text that long), flood(lines, width) (writes that much to stderr, then answers).
Set FIXTURE_PID_FILE to record the process id, FIXTURE_HELPER_PID_FILE to record the
grandchildren's, FIXTURE_EXIT_AT_START to exit with code 7 before reading anything.
"""

import json
import os
import subprocess
import sys
import threading
import time

lock = threading.Lock()
pending_server_requests = {}


def send(message):
    with lock:
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()


def reply(request_id, result):
    send({"jsonrpc": "2.0", "id": request_id, "result": result})


def text(value):
    return {"content": [{"type": "text", "text": value}], "isError": False}


TOOLS = [
    {"name": name, "description": name, "inputSchema": {"type": "object"}}
    for name in ["echo", "whoami", "slow", "hang", "crash", "noisy", "sample", "meta", "helper", "helper_then_exit", "huge", "flood"]
]


def start_helper():
    """A grandchild that inherits stdin/stdout/stderr and outlives its parent unless killed."""
    helper = subprocess.Popen(["sleep", "600"])
    pid_file = os.environ.get("FIXTURE_HELPER_PID_FILE")
    if pid_file:
        with open(pid_file, "a") as handle:
            handle.write(f"{helper.pid}\n")


def call(request_id, params):
    name = params.get("name")
    args = params.get("arguments") or {}
    meta = params.get("_meta") or {}
    if name == "echo":
        reply(request_id, text(args.get("text", "")))
    elif name == "whoami":
        reply(request_id, text(json.dumps(meta.get("mcp-stateless/caller"))))
    elif name == "slow":
        token = meta.get("progressToken")
        for step in range(2):
            if token is not None:
                send({"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progressToken": token, "progress": step + 1, "total": 2}})
            time.sleep(float(args.get("seconds", 0.05)))
        reply(request_id, text("slow done"))
    elif name == "hang":
        # Says it started (when asked with a progress token), then never answers.
        token = meta.get("progressToken")
        if token is not None:
            send({"jsonrpc": "2.0", "method": "notifications/progress", "params": {"progressToken": token, "progress": 0}})
        return
    elif name == "crash":
        sys.stderr.write("fixture: crashing on purpose\n")
        sys.stderr.flush()
        os._exit(3)
    elif name == "noisy":
        with lock:
            sys.stdout.write("this is not JSON\n{broken json\n")
            sys.stdout.flush()
        reply(request_id, text(args.get("text", "")))
    elif name == "meta":
        reply(request_id, text(json.dumps(meta, sort_keys=True)))
    elif name == "helper":
        start_helper()
        reply(request_id, text("helper started"))
    elif name == "helper_then_exit":
        start_helper()
        os._exit(0)
    elif name == "huge":
        reply(request_id, text("x" * int(args.get("bytes", 1))))
    elif name == "flood":
        line = "e" * int(args.get("width", 100))
        for _ in range(int(args.get("lines", 1))):
            sys.stderr.write(line + "\n")
        sys.stderr.flush()
        reply(request_id, text("flooded"))
    elif name == "sample":
        # Registered before it is sent: the answer can arrive before the next line runs.
        pending_server_requests["s1"] = request_id
        send({"jsonrpc": "2.0", "id": "s1", "method": "sampling/createMessage", "params": {"messages": [], "maxTokens": 1}})
    else:
        send({"jsonrpc": "2.0", "id": request_id, "error": {"code": -32602, "message": f"Unknown tool: {name}"}})


def main():
    if os.environ.get("FIXTURE_EXIT_AT_START"):
        sys.stderr.write("fixture: missing configuration, cannot start\n")
        sys.stderr.flush()
        sys.exit(7)
    pid_file = os.environ.get("FIXTURE_PID_FILE")
    if pid_file:
        with open(pid_file, "a") as handle:
            handle.write(f"{os.getpid()}\n")
    for line in sys.stdin:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        method = message.get("method")
        request_id = message.get("id")
        if method is None and request_id in pending_server_requests:
            original = pending_server_requests.pop(request_id)
            error = message.get("error", {}).get("message", "no error")
            reply(original, text(f"sampling refused: {error}"))
            continue
        if request_id is None:
            continue
        if method == "initialize":
            reply(request_id, {
                "protocolVersion": message["params"].get("protocolVersion", "2025-06-18"),
                "capabilities": {"tools": {"listChanged": False}},
                "serverInfo": {"name": "stdio-fixture", "version": "1.0"},
            })
        elif method == "tools/list":
            reply(request_id, {"tools": TOOLS})
        elif method == "tools/call":
            threading.Thread(target=call, args=(request_id, message.get("params") or {}), daemon=True).start()
        elif method == "ping":
            reply(request_id, {})
        else:
            send({"jsonrpc": "2.0", "id": request_id, "error": {"code": -32601, "message": f"Method not found: {method}"}})


if __name__ == "__main__":
    main()
