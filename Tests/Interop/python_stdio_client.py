"""Drives a stdio MCP server with the official Python `mcp` client; prints one JSON line.

usage: python_stdio_client.py COMMAND [ARG ...]
"""

import sys

import interop_common

from mcp import Client, StdioServerParameters


async def run(command: str, args: list[str]) -> dict:
    params = StdioServerParameters(command=command, args=args)
    async with Client(params, mode="legacy") as client:
        tools = await client.list_tools()
        converted = await client.call_tool("convert", {"value": 1, "from": "mile", "to": "kilometre"})
        invalid = await client.call_tool("convert", {"value": 1, "from": "mile"})
        readme = await client.read_resource("example://readme")
        return {
            "ok": True,
            "protocol_version": client.protocol_version,
            "tools": sorted(tool.name for tool in tools.tools),
            "convert_schema": next(t.input_schema for t in tools.tools if t.name == "convert"),
            "converted": converted.structured_content,
            "invalid": {"is_error": invalid.is_error, "text": invalid.content[0].text},
            "readme": readme.contents[0].text,
        }


if __name__ == "__main__":
    interop_common.main(run(sys.argv[1], sys.argv[2:]))
