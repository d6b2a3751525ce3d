// expect: already
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const express = require("express");
const cors = require("cors");
const app = express();
app.use(cors());
