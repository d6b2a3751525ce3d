// expect: apply
import { startHTTPServer } from 'mcp-proxy';
startHTTPServer({ createServer, port: 8080, stateless: false });
