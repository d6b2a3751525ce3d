// expect: apply
import { FastMCP } from "fastmcp";

const server = new FastMCP({ name: "spread", version: "1.0.0" });
const base = { endpoint: "/mcp" as const, host: "0.0.0.0" };

server.start({
  transportType: "httpStream",
  httpStream: { ...base, port: 8080 },
});
