// expect: not-applicable, apply
import { FastMCP } from "fastmcp";

const server = new FastMCP({ name: "pinned", version: "1.0.0" });
const transportType = process.env.MCP_TRANSPORT ?? "stdio";

if (transportType === "stdio") {
  server.start({ transportType });
} else {
  server.start({ transportType: "httpStream", httpStream: { port: 8080, stateless: true } });
}
