"""A server nobody here wrote: the Python `fastmcp` package, stateless, with its JWT verifier.

usage: fastmcp_server.py PORT HS256_SECRET ISSUER AUDIENCE
Serves http://127.0.0.1:PORT/mcp until killed.
"""

import sys

from fastmcp import FastMCP
from fastmcp.server.auth.providers.jwt import JWTVerifier
from fastmcp.server.dependencies import get_access_token


def main() -> None:
    port, secret, issuer, audience = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
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

    server.run(transport="http", host="127.0.0.1", port=port, stateless_http=True, log_level="warning")


if __name__ == "__main__":
    main()
