// expect: review
import cors from "cors";
app.use(cors({ allowedHeaders: process.env.HEADERS.split(","), exposedHeaders: [] }));
