"""Hostile clients at full size, against a server on 127.0.0.1 (bench/reliability/hostile.sh).

usage: hostile.py slow-bodies PORT TOKEN CONNECTIONS SECONDS   → JSON: legit statuses while slow bodies are held
       hostile.py flood PORT TOKEN CONNECTIONS                 → JSON: outcome counts of simultaneous requests
       hostile.py jwks-server PORT DIR                         → serves DIR/jwks.json; DIR/mode: healthy | trickle
       hostile.py timed PORT TOKEN                             → JSON: status and seconds of one tools/call
Loopback only; every loop is bounded in count and time.
"""

import asyncio
import json
import os
import resource
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODY = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"text":"x"}}}'


def request(token, body=BODY, close=True):
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    connection = "Connection: close\r\n" if close else ""
    return (f"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\n{auth}"
            f"{connection}Content-Length: {len(body)}\r\n\r\n{body}").encode()


async def exchange(port, payload, limit=30.0):
    """One request on its own connection: the status line, or what went wrong."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), limit)
    except Exception as error:  # noqa: BLE001 - every failure is an outcome to count
        return f"connect-error:{type(error).__name__}"
    try:
        writer.write(payload)
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), limit)
        if not data:
            return "reset-or-empty"
        head = data.split(b"\r\n\r\n", 1)[0].decode(errors="replace").lower()
        status = head.split(" ", 2)[1] if " " in head else "garbage"
        if status == "503" and "retry-after:" not in head:
            return "503-without-retry-after"
        return status
    except asyncio.TimeoutError:
        return "timeout"
    except Exception as error:  # noqa: BLE001
        return f"error:{type(error).__name__}"
    finally:
        writer.close()


async def slow_bodies(port, token, connections, seconds):
    """CONNECTIONS clients send a chunked body at 1 byte per 20 s, with no token; meanwhile a
    legitimate client calls every 0.5 s. Reports the legitimate statuses and how the slow ones ended."""
    head = (b"POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    ended = {}

    async def slow():
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except Exception as error:  # noqa: BLE001
            ended[f"connect-error:{type(error).__name__}"] = ended.get(f"connect-error:{type(error).__name__}", 0) + 1
            return
        writer.write(head)
        deadline = time.monotonic() + seconds
        outcome = "held to the end"
        try:
            while time.monotonic() < deadline:
                writer.write(b"1\r\n \r\n")
                await writer.drain()
                try:
                    data = await asyncio.wait_for(reader.read(200), 20)
                    if data:
                        outcome = data.split(b"\r\n", 1)[0].decode(errors="replace")
                    else:
                        outcome = "closed by the server"
                    break
                except asyncio.TimeoutError:
                    continue
        except Exception as error:  # noqa: BLE001
            outcome = f"error:{type(error).__name__}"
        finally:
            writer.close()
        ended[outcome] = ended.get(outcome, 0) + 1

    async def legit():
        statuses = {}
        deadline = time.monotonic() + seconds
        await asyncio.sleep(1)
        while time.monotonic() < deadline:
            status = await exchange(port, request(token))
            statuses[status] = statuses.get(status, 0) + 1
            await asyncio.sleep(0.5)
        return statuses

    held = [asyncio.create_task(slow()) for _ in range(connections)]
    statuses = await legit()
    await asyncio.gather(*held)
    return {"legit": statuses, "slow": ended}


async def flood(port, token, connections):
    outcomes = await asyncio.gather(*(exchange(port, request(token), limit=60) for _ in range(connections)))
    counts = {}
    for outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def jwks_server(port, folder):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            mode = open(f"{folder}/mode").read().strip() if os.path.exists(f"{folder}/mode") else "healthy"
            body = open(f"{folder}/jwks.json", "rb").read()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                if mode == "trickle":
                    for byte in body[:30]:  # 1 byte every 2 s, at most 60 s
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(2)
                    return
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server under test gave up on this fetch, as it should

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


async def timed(port, token):
    started = time.monotonic()
    status = await exchange(port, request(token), limit=60)
    return {"status": status, "seconds": round(time.monotonic() - started, 2)}


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    command, port = sys.argv[1], int(sys.argv[2])
    if command == "slow-bodies":
        print(json.dumps(asyncio.run(slow_bodies(port, sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))), sort_keys=True))
    elif command == "flood":
        print(json.dumps(asyncio.run(flood(port, sys.argv[3], int(sys.argv[4]))), sort_keys=True))
    elif command == "jwks-server":
        jwks_server(port, sys.argv[3])
    elif command == "timed":
        print(json.dumps(asyncio.run(timed(port, sys.argv[3]))))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
