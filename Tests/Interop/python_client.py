"""Drives a server with the official Python `mcp` client and prints one JSON line.

usage: python_client.py URL MODE [TOKEN]
  MODE is passed to mcp.Client(mode=...): "legacy" (2025 handshake), "auto", or a
  modern version such as "2026-07-28". Exit 0 with {"ok": true, ...} on success,
  exit 3 with {"ok": false, "error": ...} when the client fails.
"""

import sys

import interop_common

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client


async def run(url: str, mode: str, token: str | None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else None
    async with create_mcp_http_client(headers=headers) as http:
        async with Client(streamable_http_client(url, http_client=http), mode=mode) as client:
            tools = await client.list_tools()
            added = await client.call_tool("add", {"a": 2, "b": 3})
            echoed = await client.call_tool("echo", {"text": "héllo"})
            who = await client.call_tool("whoami", {})
            result = {
                "ok": True,
                "protocol_version": client.protocol_version,
                "server_name": client.server_info.name if client.server_info else None,
                "tools": sorted(tool.name for tool in tools.tools),
                "schemas": {tool.name: tool.input_schema for tool in tools.tools},
                "add": added.structured_content,
                "echo": echoed.content[0].text,
                "whoami": who.structured_content,
                "output_schemas": {tool.name: tool.output_schema for tool in tools.tools if tool.output_schema},
            }
            if "list_units" in result["tools"]:  # the FastMCP example server (not the native twin)
                units = await client.call_tool("list_units", {})
                prompts = await client.list_prompts()
                drill = await client.get_prompt("conversion-drill", {"dimension": "mass", "count": "2"})
                readme = await client.read_resource("example://readme")
                result["list_units"] = {"structured": units.structured_content, "text": units.content[0].text}
                result["prompt_arguments"] = {
                    prompt.name: [argument.name for argument in prompt.arguments or []] for prompt in prompts.prompts
                }
                result["drill"] = drill.messages[0].content.text
                result["readme_mime"] = readme.contents[0].mime_type
            return result


if __name__ == "__main__":
    interop_common.main(run(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
