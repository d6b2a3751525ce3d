// expect: apply
import { startHTTPServer as serve } from "mcp-proxy";
await serve({
  createServer: async () => makeServer(),
  port: 8080
});
