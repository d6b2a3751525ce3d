// expect: apply
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
import cors from 'cors';
app.use(cors({ origin: true, credentials: true, allowedHeaders: 'Content-Type, Authorization, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID, Mcp-Method, Mcp-Name', exposedHeaders: 'Mcp-Session-Id, WWW-Authenticate' }));
