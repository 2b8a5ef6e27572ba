#!/usr/bin/env node
import { main } from "./cli/main.js";

// EPIPE (the reader closed the pipe: `emerge-sweep expand spec.json | head -1`) ends the process
// quietly with 0; any other write error on stdout (ENOSPC on /dev/full) is one line and exit 1.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  try {
    process.stderr.write(`emerge-sweep: IO_ERROR: cannot write to stdout: ${error.code ?? error.message}\n`);
  } finally {
    process.exit(1);
  }
});
process.exitCode = await main(process.argv.slice(2));
