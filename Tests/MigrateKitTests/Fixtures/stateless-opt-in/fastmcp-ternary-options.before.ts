// expect: apply
import { FastMCP } from "fastmcp";

const server = new FastMCP({ name: "ternary", version: "1.0.0" });
const useHttp = process.env.TRANSPORT === "http";

server.start(
  useHttp
    ? { transportType: "httpStream", httpStream: { port: 8080 } }
    : { transportType: "stdio" },
);
