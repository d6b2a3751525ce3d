// expect: apply
const fastmcp = require("fastmcp");
const server = new fastmcp.FastMCP({ name: "x", version: "1" });
const httpOptions = { port: 8080, stateless: true };
server.start({ transportType: "httpStream", httpStream: httpOptions });
