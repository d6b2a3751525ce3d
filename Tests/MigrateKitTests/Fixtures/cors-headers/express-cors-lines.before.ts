// expect: apply
import cors from "cors";
app.use(cors({
  allowedHeaders: [
    "Content-Type",
    "Authorization",
  ],
  exposedHeaders: ["Mcp-Session-Id", "WWW-Authenticate"],
}));
