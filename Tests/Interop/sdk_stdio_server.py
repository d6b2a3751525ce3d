"""The Python SDK's own stdio server (mcp 2.x MCPServer), for the proxy to front.

Tools: multiply(a, b), shout(text).
"""

from mcp.server.mcpserver import MCPServer

server = MCPServer("python-sdk-stdio")


@server.tool()
def multiply(a: float, b: float) -> float:
    """Multiplies two numbers."""
    return a * b


@server.tool()
def shout(text: str) -> str:
    """Upper-cases the text."""
    return text.upper()


if __name__ == "__main__":
    server.run("stdio")
