import { FastMCP } from "fastmcp";

// Tests start their own server; migrate reports it and never edits test files.
const server = new FastMCP({ name: "test", version: "0.0.0" });
server.start({ transportType: "httpStream", httpStream: { port: 0 } });
