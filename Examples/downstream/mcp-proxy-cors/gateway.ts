import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { startHTTPServer } from "mcp-proxy";

const createServer = async () => new Server({ name: "gateway", version: "1.0.0" }, { capabilities: { tools: {} } });

const { close } = await startHTTPServer({
  createServer,
  port: 8080,
  cors: {
    origin: "*",
    credentials: true,
    allowedHeaders: "*",
    exposedHeaders: ["Mcp-Session-Id"],
  },
});

process.on("SIGTERM", close);
