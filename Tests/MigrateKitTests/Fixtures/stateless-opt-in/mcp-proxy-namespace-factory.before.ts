// expect: apply
import * as proxy from "mcp-proxy";

function proxyOptions(port: number) {
  return { port, createServer: async () => makeServer() };
}

await proxy.startHTTPServer(proxyOptions(Number(process.env.PORT ?? 3000)));
