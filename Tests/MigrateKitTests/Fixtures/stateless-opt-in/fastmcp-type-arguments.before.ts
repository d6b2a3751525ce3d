// expect: apply
import { FastMCP } from "fastmcp";

type SessionData = { id: string; scopes: string[] };

// The usual way to type what `authenticate` returns: type arguments on the constructor.
const server = new FastMCP<SessionData>({
  name: "typed",
  version: "1.0.0",
  authenticate: async (request): Promise<SessionData> => ({
    id: String(request.headers["x-user"] ?? "anonymous"),
    scopes: [],
  }),
});

server.start({
  transportType: "httpStream",
  httpStream: { port: 8080 },
});
