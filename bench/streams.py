"""Memory per open stream, and tools/call latency while thousands of streams are held.

usage: streams.py --pid PID --port PORT --secret HS256_SECRET --audience AUD --kind modern|legacy
                  [--count 5000] [--duration 10s] [--connections 64]

modern: 2026-07-28 `subscriptions/listen` streams on a stateless server (one token for all).
legacy: 2025-era GET streams on a stateful server, one session each; each session belongs to its
        own subject (the server bounds sessions per subject), so RSS is read twice: after the
        sessions are opened and after their streams are, and both costs are reported.
Streams are opened at most 200 at a time, each counted once its first event arrived; they are held
while wrk measures tools/call, then closed. Streams must not hold concurrency slots: any 503 during
the busy run shows as wrk errors.
"""

import argparse
import asyncio
import base64
import hashlib
import hmac
import json
import statistics
import sys
import time

import benchlib

MODERN = "2026-07-28"
LEGACY = "2025-06-18"


def token(secret, audience, subject):
    """An HS256 JWT for `subject`, valid for an hour."""
    encode = lambda value: base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).rstrip(b"=")
    now = int(time.time())
    signing_input = encode({"alg": "HS256", "typ": "JWT"}) + b"." + encode(
        {"sub": subject, "aud": audience, "iat": now, "exp": now + 3600, "scope": "mcp:read"})
    signature = base64.urlsafe_b64encode(hmac.new(secret.encode(), signing_input, hashlib.sha256).digest()).rstrip(b"=")
    return (signing_input + b"." + signature).decode()


def request(method, headers, body=b""):
    lines = [f"{method} /mcp HTTP/1.1", "Host: 127.0.0.1"] + [f"{k}: {v}" for k, v in headers.items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def exchange(port, data, until):
    """Opens a connection, sends `data`, reads until `until` appears; returns (reader, writer, text)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    received = b""
    while until not in received:
        chunk = await asyncio.wait_for(reader.read(65536), 30)
        if not chunk:
            raise RuntimeError(f"connection closed before {until!r}: {received[:300]!r}")
        received += chunk
    return reader, writer, received.decode(errors="replace")


async def initialize(port, bearer):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": LEGACY, "capabilities": {}, "clientInfo": {"name": "bench-streams", "version": "1"}}}).encode()
    _, writer, text = await exchange(port, request("POST", {
        "Authorization": f"Bearer {bearer}", "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream", "Connection": "close"}, body), b'"result"')
    writer.close()
    for line in text.split("\r\n"):
        if line.lower().startswith("mcp-session-id:"):
            return line.split(":", 1)[1].strip()
    raise RuntimeError(f"initialize without a session id: {text[:300]}")


async def open_modern(port, bearer, index):
    body = json.dumps({"jsonrpc": "2.0", "id": index, "method": "subscriptions/listen", "params": {
        "notifications": {"toolsListChanged": True},
        "_meta": {"io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {},
                  "io.modelcontextprotocol/clientInfo": {"name": "bench-streams", "version": "1"}}}}).encode()
    reader, writer, text = await exchange(port, request("POST", {
        "Authorization": f"Bearer {bearer}", "Content-Type": "application/json", "Accept": "application/json, text/event-stream",
        "MCP-Protocol-Version": MODERN, "Mcp-Method": "subscriptions/listen"}, body), b"acknowledged")
    if " 200 " not in text.split("\r\n", 1)[0]:
        raise RuntimeError(f"listen refused: {text[:300]}")
    return reader, writer


async def open_legacy(port, bearer, session):
    reader, writer, text = await exchange(port, request("GET", {
        "Authorization": f"Bearer {bearer}", "Accept": "text/event-stream", "Mcp-Session-Id": session,
        "MCP-Protocol-Version": LEGACY}), b": stream open")
    if " 200 " not in text.split("\r\n", 1)[0]:
        raise RuntimeError(f"GET stream refused: {text[:300]}")
    return reader, writer


async def bounded(factories, limit=200):
    """Runs the coroutine factories at most `limit` at a time; results in order."""
    gate = asyncio.Semaphore(limit)

    async def one(factory):
        async with gate:
            return await factory()
    return await asyncio.gather(*(one(f) for f in factories))


async def measure(args):
    pid, port = args.pid, args.port
    url = f"http://127.0.0.1:{port}/mcp"
    wrk_token = token(args.secret, args.audience, "wrk")
    wrk_env = {"TOKEN": wrk_token}
    script = "bench/wrk/tools-call.lua"
    if args.kind == "legacy":
        wrk_env["SESSIONS"] = ",".join(await bounded([lambda: initialize(port, wrk_token) for _ in range(32)]))
        script = "bench/wrk/stateful.lua"
    run = lambda: benchlib.wrk(url, script, duration=args.duration, connections=args.connections, env=wrk_env)
    run()  # warm up
    idle = run()
    rss_before = benchlib.rss_kib(pid)

    rss_sessions = None
    if args.kind == "modern":
        bearer = token(args.secret, args.audience, "listener")
        streams = await bounded([lambda i=i: open_modern(port, bearer, i) for i in range(args.count)])
    else:
        bearers = [token(args.secret, args.audience, f"subject-{i}") for i in range(args.count)]
        sessions = await bounded([lambda b=b: initialize(port, b) for b in bearers])
        rss_sessions = benchlib.rss_kib(pid)
        streams = await bounded([lambda b=b, s=s: open_legacy(port, b, s) for b, s in zip(bearers, sessions)])
    await asyncio.sleep(0.5)  # let the server finish the writes it started
    rss_streams = benchlib.rss_kib(pid)

    busy = await asyncio.to_thread(run)
    still_open = sum(1 for reader, _ in streams if not reader.at_eof())
    for _, writer in streams:
        writer.close()

    kind = "2026 subscriptions/listen" if args.kind == "modern" else "2025 GET stream (stateful, one session each)"
    print(f"\n{kind}: {args.count} streams held; {still_open} still open after the busy run")
    if rss_sessions is None:
        print(f"RSS {rss_before / 1024:.1f} → {rss_streams / 1024:.1f} MiB: "
              f"{(rss_streams - rss_before) / args.count:.1f} KiB per stream")
    else:
        print(f"RSS {rss_before / 1024:.1f} → {rss_sessions / 1024:.1f} MiB with the sessions "
              f"({(rss_sessions - rss_before) / args.count:.1f} KiB per session, its token cache entry included) → "
              f"{rss_streams / 1024:.1f} MiB with their streams ({(rss_streams - rss_sessions) / args.count:.1f} KiB per stream; "
              f"{(rss_streams - rss_before) / args.count:.1f} KiB per session and stream together)")
    print(f"tools/call p99 idle {idle['p99']:.2f} ms, with the streams held {busy['p99']:.2f} ms "
          f"({busy['p99'] / idle['p99']:.2f}×); requests/s {idle['rps']:.0f} → {busy['rps']:.0f}; "
          f"errors {idle['errors']} → {busy['errors']}")
    if busy["errors"] or still_open < args.count:
        sys.exit("streams were dropped or tools/call was refused while they were held")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--audience", required=True)
    parser.add_argument("--kind", choices=["modern", "legacy"], required=True)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--connections", type=int, default=64)
    asyncio.run(measure(parser.parse_args()))


if __name__ == "__main__":
    main()
