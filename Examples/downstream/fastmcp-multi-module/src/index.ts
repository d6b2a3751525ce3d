import { createServer } from "./server.js";
import { httpOptions } from "./config.js";

const server = createServer();
const transport = process.argv.includes("--stdio") ? "stdio" : "httpStream";

if (transport === "stdio") {
  await server.start({ transportType: "stdio" });
} else {
  await server.start({ transportType: "httpStream", httpStream: httpOptions });
}
