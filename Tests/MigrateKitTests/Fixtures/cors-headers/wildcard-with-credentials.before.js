// expect: apply
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
import cors from 'cors';
app.use(cors({ origin: true, credentials: true, allowedHeaders: '*', exposedHeaders: '*' }));
