// expect: review
import { FastMCP } from "fastmcp";
import { loadConfig } from "./config-loader";

const server = new FastMCP({ name: "spread", version: "1.0.0" });
const httpStreamConfig = loadConfig().httpStream;

// `stateless` may be in the loaded config (a file, the environment, a flag): inserting
// `stateless: true` after the spread would silently override the user's choice.
server.start({
  transportType: "httpStream",
  httpStream: { ...httpStreamConfig, port: 8080 },
});
