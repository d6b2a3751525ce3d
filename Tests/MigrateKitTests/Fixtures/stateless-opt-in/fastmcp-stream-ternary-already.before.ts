// expect: already
import { FastMCP } from "fastmcp";

const server = new FastMCP({ name: "already", version: "1.0.0" });
const http = process.env.PORT !== undefined;

server.start({
  transportType: http ? "httpStream" : "stdio",
  httpStream: http ? { port: Number(process.env.PORT), stateless: true } : undefined,
} as const);
