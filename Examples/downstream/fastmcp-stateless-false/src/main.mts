import { FastMCP as Server } from "fastmcp";

const tickets = new Server({ name: "tickets", version: "2.0.0" });

tickets.addTool({
  name: "open_ticket",
  description: "Opens a ticket",
  execute: async () => "opened",
});

await tickets.start({
  transportType: "httpStream",
  httpStream: {
    port: 3000,
    stateless: false, // sessions were needed for SSE notifications
    cors: {
      origin: ["https://support.example.com"],
      allowedHeaders: ["Content-Type", "Mcp-Session-Id"],
    },
  },
});
