// expect: review
import { startHTTPServer } from "mcp-proxy";
startHTTPServer(buildOptions());
