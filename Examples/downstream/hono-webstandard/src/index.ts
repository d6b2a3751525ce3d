import { Hono } from "hono";
import { cors } from "hono/cors";
import { serve } from "@hono/node-server";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { buildServer } from "./server.js";

const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();

const app = new Hono();

app.use(
  "/mcp",
  cors({
    origin: (origin) => origin,
    allowMethods: ["GET", "POST", "DELETE"],
    allowHeaders: ["Content-Type", "Mcp-Session-Id"],
    exposeHeaders: ["Mcp-Session-Id"],
  }),
);

app.get("/health", (c) => c.json({ ok: true }));

app.all("/mcp", async (c) => {
  const sessionId = c.req.header("mcp-session-id");
  const existing = sessionId ? sessions.get(sessionId) : undefined;
  if (existing) return existing.handleRequest(c.req.raw);

  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => crypto.randomUUID(),
    onsessioninitialized: (sessionId) => {
      sessions.set(sessionId, transport);
    },
  });
  await buildServer().connect(transport);
  return transport.handleRequest(c.req.raw);
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });
