"""Bookmarks MCP server on the `fastmcp` package."""

import os

from fastmcp import FastMCP

mcp = FastMCP("bookmarks")

BOOKMARKS: dict[str, str] = {}


@mcp.tool
def add_bookmark(name: str, url: str) -> str:
    """Stores a bookmark."""
    BOOKMARKS[name] = url
    return f"saved {name}"


@mcp.tool
def echo(text: str) -> str:
    """Echoes the text back."""
    return text


if __name__ == "__main__":
    mcp.run(transport="http", host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
