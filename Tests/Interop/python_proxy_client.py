"""The official Python client against a proxied Python SDK stdio server; prints one JSON line.

usage: python_proxy_client.py URL MODE TOKEN
"""

import asyncio
import json
import sys

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


def main() -> int:
    try:
        result = asyncio.run(asyncio.wait_for(run(sys.argv[1], sys.argv[2], sys.argv[3]), timeout=60))
    except BaseException as error:
        print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}"}))
        return 3
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
