// expect: apply
import { FastMCP } from "fastmcp";
const s = new FastMCP({ name: "x", version: "1" });
s.start({
  transportType: process.env.TRANSPORT === "http" ? "httpStream" : "stdio",
  httpStream: { port: 8080 },
});
