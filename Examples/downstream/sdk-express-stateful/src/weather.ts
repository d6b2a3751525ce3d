import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

/** The weather tools, on a new server each time. */
export function createWeatherServer(): McpServer {
  const server = new McpServer({ name: "weather", version: "1.4.2" });
  server.registerTool(
    "forecast",
    {
      description: "Forecast for a city",
      inputSchema: { city: z.string(), days: z.number().int().min(1).max(7).default(3) },
    },
    async ({ city, days }) => ({
      content: [{ type: "text", text: `${days}-day forecast for ${city}: sunny` }],
    }),
  );
  return server;
}
