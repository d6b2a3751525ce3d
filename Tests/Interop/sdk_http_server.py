"""A server nobody here wrote: the official Python SDK (mcp 2.x MCPServer) over Streamable HTTP.

usage: sdk_http_server.py stateless|stateful [HS256_SECRET ISSUER AUDIENCE]
Binds 127.0.0.1 on a free port, says `listening on http://127.0.0.1:PORT/mcp` on stderr once the
socket listens (connections queue until the server accepts them), and serves until killed.
With a secret, the SDK's own auth is on: a TokenVerifier (PyJWT, HS256, issuer and audience
checked) and AuthSettings naming ISSUER as the authorization server, requiring `mcp:read`.
Tools: add(a, b), count(steps) (reports progress), whoami() (the token's subject, with auth).
"""

import socket
import sys

import jwt
import uvicorn
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.mcpserver import Context, MCPServer


class HS256Verifier(TokenVerifier):
    def __init__(self, secret: str, issuer: str, audience: str) -> None:
        self.secret, self.issuer, self.audience = secret, issuer, audience

    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            claims = jwt.decode(token, self.secret, algorithms=["HS256"], audience=self.audience, issuer=self.issuer)
        except jwt.PyJWTError:
            return None
        return AccessToken(
            token=token, client_id=str(claims.get("azp", "acceptance")), scopes=str(claims.get("scope", "")).split(),
            expires_at=claims.get("exp"), subject=claims.get("sub"), claims=claims,
        )


def main() -> None:
    mode = sys.argv[1]
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/mcp"
    if len(sys.argv) > 2:
        secret, issuer, audience = sys.argv[2], sys.argv[3], sys.argv[4]
        server = MCPServer(
            "python-sdk-http",
            token_verifier=HS256Verifier(secret, issuer, audience),
            # The verifier checks the audience itself.
            auth=AuthSettings(issuer_url=issuer, resource_server_url=url, required_scopes=["mcp:read"], validate_token_resource=False),
        )
    else:
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

    @server.tool()
    def whoami() -> dict:
        """The caller's subject, from the verified token."""
        token = get_access_token()
        return {"subject": token.subject if token else None}

    app = server.streamable_http_app(stateless_http=(mode == "stateless"))
    print(f"listening on {url}", file=sys.stderr, flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])


if __name__ == "__main__":
    main()
