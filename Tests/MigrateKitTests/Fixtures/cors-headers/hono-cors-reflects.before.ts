// expect: already
import { Hono } from "hono";
import { cors } from "hono/cors";
import { StreamableHTTPTransport } from "@hono/mcp";

// Without `allowHeaders`, Hono's cors() reflects the headers the browser asks for.
const app = new Hono();
app.use("*", cors({ origin: "*", exposeHeaders: ["Mcp-Session-Id", "Mcp-Protocol-Version", "WWW-Authenticate"] }));
app.all("/mcp", (c) => new StreamableHTTPTransport().handleRequest(c));
