// expect: apply
const { FastMCP } = require("fastmcp");

const server = new FastMCP({ name: "cjs", version: "1.0.0" });
module.exports = server;

server.start({ transportType: "httpStream", httpStream: { port: 8080, stateless: true } });
