// expect: apply
import { FastMCP } from "fastmcp";
export const server = new FastMCP({ name: "x", version: "1.0.0" });
await server.start({ transportType: "httpStream", httpStream: { port: 8080, stateless: true } });
