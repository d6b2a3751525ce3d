// expect: blocked
import { FastMCP } from "fastmcp";
const s = new FastMCP({ name: "x", version: "1" });
s.start({ transportType: "sse", sse: { port: 1, endpoint: "/sse" } });
