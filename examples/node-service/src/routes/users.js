// Express routes for accounts; the client comes from the TypeScript module.
const express = require("express");

const { cio } = require("../customerio");

const router = express.Router();

router.post("/signup", async (req, res) => {
  const user = await req.app.locals.db.createUser(req.body);
  await cio.identify(String(user.id), {
    email: user.email,
    // Wrong: Date.now() is milliseconds.
    created_at: Date.now(),
    plan: user.plan,
  });
  res.status(201).json(user);
});

router.post("/login", async (req, res) => {
  const loggedInAt = Date.now();
  await req.app.locals.db.saveLogin(req.user.id, loggedInAt);
  await cio.identify(String(req.user.id), {
    // Right: converted to seconds before it is sent.
    last_login_at: Math.floor(loggedInAt / 1000),
  });
  res.sendStatus(204);
});

router.post("/verify", async (req, res) => {
  // Wrong: a Date object.
  await cio.identify(String(req.user.id), { verified_at: new Date() });
  res.sendStatus(204);
});

router.post("/logout", (req, res) => {
  // Wrong: nothing awaits or catches the promise, so a failed request
  // becomes an unhandled rejection that ends the process.
  cio.track(String(req.user.id), { name: "logged_out" });
  res.sendStatus(204);
});

module.exports = { router };
