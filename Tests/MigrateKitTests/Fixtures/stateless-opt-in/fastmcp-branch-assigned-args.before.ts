// expect: apply
import { FastMCP } from "fastmcp";

type StartArgs = Parameters<FastMCP["start"]>[0];
const server = new FastMCP({ name: "branches", version: "1.0.0" });

let args: StartArgs;
if (process.argv.includes("--stdio")) {
  args = { transportType: "stdio" };
} else {
  args = {
    transportType: "httpStream",
    httpStream: { port: Number(process.env.PORT ?? 8080) },
  };
}
server.start(args);
