// expect: apply
import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "x", version: "1" });
server.start({
  transportType: "httpStream",
  stateless: true,
  httpStream: {
    port: 8080,
  },
});
