// expect: apply, apply
import { FastMCP } from "fastmcp";

function createServer() {
  const server = new FastMCP({ name: "factory", version: "1.0.0" });
  server.addTool({ name: "ping", execute: async () => "pong" });
  return server;
}

createServer().start({ transportType: "httpStream", httpStream: { port: 8080 } });

const second = createServer();
second.start({ transportType: "httpStream", httpStream: { port: 8081 } });
