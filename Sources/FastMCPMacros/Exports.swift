@_exported import FastMCP
