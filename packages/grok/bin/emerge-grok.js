#!/usr/bin/env node
// A committed launcher for the built CLI: npm links a workspace's bin only if the file exists at
// install time, which dist/ does not on a fresh clone.
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.js", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("emerge-grok: the CLI is not built; run `npm run build` first\n");
  process.exit(1);
}
await import(cli.href);
