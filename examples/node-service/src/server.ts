// The HTTP entry point.
import express from "express";

import { router } from "./routes/users";

const app = express();
app.use(express.json());
app.use("/users", router);
app.listen(Number(process.env.PORT ?? 3000));
