#!/usr/bin/env node
// A committed launcher for the built CLI: npm links a workspace's bin only if the file exists at
// install time, which dist/ does not on a fresh clone.
import("../dist/cli.js").catch((error) => {
  const notBuilt = error?.code === "ERR_MODULE_NOT_FOUND" && String(error.url ?? "").endsWith("/dist/cli.js");
  process.stderr.write(
    notBuilt
      ? "emerge-sweep: the CLI is not built; run `npm run build` first\n"
      : `emerge-sweep: INTERNAL: cannot load the CLI: ${String(error?.message ?? error).split("\n")[0]}\n`,
  );
  if (process.argv.includes("--debug") && error?.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
