// expect: apply
import { Hono } from "hono";
import { cors } from "hono/cors";
import { StreamableHTTPTransport } from "@hono/mcp";
import { mcpServer } from "./server";

const app = new Hono();
app.use(
  "/mcp",
  cors({
    origin: "https://app.example.com",
    allowHeaders: ["Content-Type", "Authorization", "Accept", "Mcp-Protocol-Version", "Mcp-Session-Id", "Last-Event-ID", "Mcp-Method", "Mcp-Name"],
    credentials: true,
    exposeHeaders: ["Mcp-Session-Id", "WWW-Authenticate"],
  }),
);
app.all("/mcp", async (c) => {
  const transport = new StreamableHTTPTransport();
  await mcpServer.connect(transport);
  return transport.handleRequest(c);
});
export default app;
