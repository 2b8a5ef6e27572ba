#!/usr/bin/env node
// A committed launcher for the built CLI: npm links a workspace's bin only if the file exists at
// install time, which dist/ does not on a fresh clone.
import("../dist/cli.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("cli.js")) {
    process.stderr.write("emerge-tasks: the CLI is not built; run `npm run build` first\n");
    process.exit(1);
  }
  throw error;
});
