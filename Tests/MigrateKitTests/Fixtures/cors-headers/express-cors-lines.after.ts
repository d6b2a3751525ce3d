// expect: apply
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import cors from "cors";
app.use(cors({
  allowedHeaders: [
    "Content-Type",
    "Authorization",
    "Accept",
    "Mcp-Protocol-Version",
    "Mcp-Session-Id",
    "Last-Event-ID",
    "Mcp-Method",
    "Mcp-Name",
  ],
  exposedHeaders: ["Mcp-Session-Id", "WWW-Authenticate"],
}));
