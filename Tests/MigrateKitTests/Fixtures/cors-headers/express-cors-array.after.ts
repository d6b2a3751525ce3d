// expect: apply
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import express from "express";
import cors from "cors";
const app = express();
app.use(
  cors({
    origin: ["https://app.example.com"],
    allowedHeaders: ["content-type", "authorization", "Accept", "Mcp-Protocol-Version", "Mcp-Session-Id", "Last-Event-ID", "Mcp-Method", "Mcp-Name"],
    exposedHeaders: ["Mcp-Session-Id", "WWW-Authenticate"],
  }),
);
