import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const notes: string[] = [];

/** A fresh MCP server with the notes tools. */
export function buildServer(): McpServer {
  const server = new McpServer({ name: "notes", version: "0.3.0" });
  server.registerTool(
    "add_note",
    { description: "Stores a note", inputSchema: { text: z.string() } },
    async ({ text }) => {
      notes.push(text);
      return { content: [{ type: "text", text: `${notes.length} notes stored` }] };
    },
  );
  server.registerTool("list_notes", { description: "Lists the notes" }, async () => ({
    content: notes.map((note) => ({ type: "text" as const, text: note })),
  }));
  return server;
}
