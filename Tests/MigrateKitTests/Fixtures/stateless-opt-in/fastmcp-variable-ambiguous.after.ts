// expect: apply
import { FastMCP } from "fastmcp";
const server = new FastMCP({ name: "x", version: "1" });
let options = { transportType: "httpStream", httpStream: { port: 1, stateless: true } };
if (process.env.DEV) options = { transportType: "stdio" };
server.start(options);
