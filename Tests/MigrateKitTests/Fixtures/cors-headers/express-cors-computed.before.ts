// expect: review
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import cors from "cors";
app.use(cors({ allowedHeaders: process.env.HEADERS.split(","), exposedHeaders: [] }));
