// expect: apply
import cors from 'cors';
app.use(cors({ origin: true, credentials: true, allowedHeaders: '*', exposedHeaders: '*' }));
