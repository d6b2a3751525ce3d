// expect: not-applicable
import { Hono } from "hono";
import { cors } from "hono/cors";

// A Hono app that serves no MCP: its CORS is left alone.
const app = new Hono();
app.use("/api/*", cors({ origin: "https://example.com", allowHeaders: ["Content-Type"] }));
app.post("/api/hooks", (c) => c.body(null, 204));
