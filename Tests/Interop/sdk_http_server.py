"""A server nobody here wrote: the official Python SDK (mcp 2.x MCPServer) over Streamable HTTP.

usage: sdk_http_server.py stateless|stateful
Binds 127.0.0.1 on a free port, says `listening on http://127.0.0.1:PORT/mcp` on stderr once the
socket listens (connections queue until the server accepts them), and serves until killed.
Tools: add(a, b), count(steps) (reports progress).
"""

import socket
import sys

import uvicorn
from mcp.server.mcpserver import Context, MCPServer


def main() -> None:
    mode = sys.argv[1]
    server = MCPServer("python-sdk-http")

    @server.tool()
    def add(a: float, b: float) -> float:
        """Adds two numbers."""
        return a + b

    @server.tool()
    async def count(steps: int, ctx: Context) -> str:
        """Counts to `steps`, reporting progress."""
        for step in range(1, steps + 1):
            await ctx.report_progress(step, steps)
        return f"counted to {steps}"

    app = server.streamable_http_app(stateless_http=(mode == "stateless"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    print(f"listening on http://127.0.0.1:{sock.getsockname()[1]}/mcp", file=sys.stderr, flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])


if __name__ == "__main__":
    main()
