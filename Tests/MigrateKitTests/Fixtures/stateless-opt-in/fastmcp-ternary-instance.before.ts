// expect: apply
import { FastMCP } from "fastmcp";

const server = process.env.ADMIN
  ? new FastMCP({ name: "admin", version: "1.0.0" })
  : new FastMCP({ name: "public", version: "1.0.0" });

server.start({ transportType: "httpStream", httpStream: { port: 8080 } } satisfies Parameters<FastMCP["start"]>[0]);
