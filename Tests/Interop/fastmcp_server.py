"""A server nobody here wrote: the Python `fastmcp` package with its JWT verifier.

usage: fastmcp_server.py PORT HS256_SECRET ISSUER AUDIENCE [stateless|stateful]
Serves http://127.0.0.1:PORT/mcp until killed (stateless unless told otherwise); a secret of
`-` serves without auth. PORT 0 takes a
free port; either way `listening on http://127.0.0.1:PORT/mcp` is said on stderr once the
socket listens (connections queue until the server accepts them).
"""

import socket
import sys

import uvicorn
from fastmcp import Context, FastMCP
from fastmcp.server.auth.providers.jwt import JWTVerifier
from fastmcp.server.dependencies import get_access_token


def main() -> None:
    port, secret, issuer, audience = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    stateless = (sys.argv[5] if len(sys.argv) > 5 else "stateless") == "stateless"
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(128)
    port = sock.getsockname()[1]
    verifier = None
    if secret != "-":
        verifier = JWTVerifier(
            public_key=secret, algorithm="HS256", issuer=issuer, audience=audience, base_url=f"http://127.0.0.1:{port}"
        )
    server = FastMCP("py-fastmcp", auth=verifier)

    @server.tool
    def add(a: float, b: float) -> float:
        """Adds two numbers."""
        return a + b

    @server.tool
    def whoami() -> dict:
        """The caller's subject, from the verified token."""
        token = get_access_token()
        return {"subject": token.claims.get("sub") if token else None, "scopes": token.scopes if token else []}

    @server.tool
    async def count(steps: int, ctx: Context) -> str:
        """Counts to `steps`, reporting progress."""
        for step in range(1, steps + 1):
            await ctx.report_progress(step, steps)
        return f"counted to {steps}"

    app = server.http_app(path="/mcp", stateless_http=stateless)
    print(f"listening on http://127.0.0.1:{port}/mcp", file=sys.stderr, flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])


if __name__ == "__main__":
    main()
