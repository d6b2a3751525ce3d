// expect: apply
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import cors from "cors";
app.use(cors({
  allowedHeaders: [
    "Content-Type",
    "Authorization",
  ],
  exposedHeaders: ["Mcp-Session-Id", "WWW-Authenticate"],
}));
