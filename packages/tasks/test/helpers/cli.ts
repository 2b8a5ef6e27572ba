import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/program.js";

const ENTRY = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** Run the CLI in this process (the bin's code without a process start), capturing its output. */
export async function cli(argv: string[], errIsTTY = false) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    errIsTTY,
  });
  return { code, stdout, stderr };
}

/** Start the CLI from source as a real process (for stdout failures: closed pipes, full disks). */
export function spawnCli(args: string[], stdio: StdioOptions = ["ignore", "pipe", "pipe"]): ChildProcess {
  return spawn(process.execPath, ["--conditions=@emerge/source", "--import", "tsx", ENTRY, ...args], {
    stdio,
  });
}

/** Wait for a spawned CLI, collecting stderr. */
export function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
}
