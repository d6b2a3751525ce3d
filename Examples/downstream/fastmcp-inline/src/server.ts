import { FastMCP } from "fastmcp";
import { z } from "zod";

import { forecastFor } from "./forecast.js";

const server = new FastMCP({
  name: "weather",
  version: "1.4.0",
  authenticate: async (request) => {
    const header = request.headers["authorization"];
    if (!header?.startsWith("Bearer ")) {
      throw new Response(null, { status: 401, statusText: "Unauthorized" });
    }
    return { token: header.slice("Bearer ".length) };
  },
});

server.addTool({
  name: "forecast",
  description: "Three-day forecast for a city ({city} must be a known name)",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }, context) => {
    // The last city asked for, per client (kept on the session).
    const previous = context.session?.lastCity;
    return JSON.stringify({ previous, ...(await forecastFor(city)) });
  },
});

server.on("connect", (event) => {
  console.log(`client connected: ${event.session}`);
});

server.start({
  transportType: "httpStream",
  httpStream: {
    port: Number(process.env.PORT ?? 8080),
    endpoint: "/mcp",
  },
});
