// expect: apply
import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "x", version: "1.0.0" });
server.start({
  transportType: "httpStream",
  httpStream: {
    port: 8080,
  },
});
