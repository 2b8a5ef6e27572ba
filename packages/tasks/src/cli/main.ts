#!/usr/bin/env node
import { guardStdout, processIo } from "./cli-io.js";
import { main } from "./program.js";

guardStdout("emerge-tasks");
process.exitCode = await main(process.argv.slice(2), processIo());
