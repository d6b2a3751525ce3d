import { FastMCP } from "fastmcp";
import { z } from "zod";

export type SessionData = { subject: string; scopes: string[] };

/** Builds the notes server; the caller decides how it is served. */
export function createServer(): FastMCP<SessionData> {
  const server = new FastMCP<SessionData>({
    name: "notes",
    version: "0.3.0",
    authenticate: async (request) => {
      const subject = request.headers["x-verified-subject"];
      if (typeof subject !== "string") throw new Response(null, { status: 401 });
      return { subject, scopes: [] };
    },
  });

  server.addTool({
    name: "add_note",
    description: "Adds a note for the caller",
    parameters: z.object({ text: z.string() }),
    execute: async ({ text }, { session }) => `noted for ${session?.subject}: ${text}`,
  });
  return server;
}
