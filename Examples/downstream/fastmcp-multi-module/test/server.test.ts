import { createServer } from "../src/server.js";

// Tests start their own server on a random port; migrate never edits them.
const server = createServer();
await server.start({ transportType: "httpStream", httpStream: { port: 0 } });
