"""The official Python client against a proxied Python SDK stdio server; prints one JSON line.

usage: python_proxy_client.py URL MODE TOKEN
"""

import sys

import interop_common

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client


async def run(url: str, mode: str, token: str) -> dict:
    async with create_mcp_http_client(headers={"Authorization": f"Bearer {token}"}) as http:
        async with Client(streamable_http_client(url, http_client=http), mode=mode) as client:
            tools = await client.list_tools()
            multiplied = await client.call_tool("multiply", {"a": 6, "b": 7})
            shouted = await client.call_tool("shout", {"text": "loud"})
            return {
                "ok": True,
                "protocol_version": client.protocol_version,
                "tools": sorted(tool.name for tool in tools.tools),
                "multiply": multiplied.content[0].text,
                "shout": shouted.content[0].text,
            }


if __name__ == "__main__":
    interop_common.main(run(sys.argv[1], sys.argv[2], sys.argv[3]))
