// expect: already
import { startHTTPServer } from "mcp-proxy";
const options = { createServer, port: 8080, stateless: true };
startHTTPServer(options);
