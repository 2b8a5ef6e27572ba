import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expandSweep } from "../src/index.js";
import { spawnCli } from "./helpers/cli.js";

const SLEEP_JOB = fileURLToPath(new URL("./fixtures/sleep-job.mjs", import.meta.url));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
};

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

describe("SIGTERM / SIGINT to a local `emerge-sweep run`", () => {
  for (const [sig, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`${sig}: job processes are stopped and waited for, exit ${code}, a rerun finishes the rest`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "emerge-sweep-signal-"));
      const spec = join(dir, "spec.json");
      // Job k=0 is quick; k=1, 2 block their event loop for 5 s (longer than the check below).
      writeFileSync(spec, JSON.stringify({ base: { ms: 5000 }, grid: { k: [0, 1, 2] } }));
      const jobs = expandSweep(JSON.parse(readFileSync(spec, "utf8")));
      const out = join(dir, "out");
      const workDir = join(dir, "work");
      const pidFiles = jobs.map((j) => join(workDir, j.id, "pid"));
      const args = ["run", spec, "--out", out, "--work-dir", workDir, "--job", SLEEP_JOB];
      const args2 = [...args, "--concurrency", "2", "--quiet"];

      const first = await spawnCli(args2);
      // The third job starts only once the quick one has finished and been stored.
      expect(await until(() => pidFiles.every(existsSync), 15_000)).toBe(true);
      const pids = pidFiles.slice(1).map((f) => Number(readFileSync(f, "utf8")));
      expect(pids.every(alive)).toBe(true);
      first.child.kill(sig);
      // Without signal handling the parent dies at once and its blocked children live on for 5 s.
      const allGone = await until(() => !pids.some(alive), 3_500);
      const exit = await first.exited;
      expect({ allGone, stillAlive: pids.filter(alive) }).toEqual({ allGone: true, stillAlive: [] });
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code, signal: null });
      expect(exit.stderr).toMatch(new RegExp(`^emerge-sweep: ABORTED: .*${sig}`, "m"));

      // The rerun skips the stored job and runs the two interrupted ones (quickly this time).
      const rerun = await spawnCli([...args2, "--json"], { SLEEP_JOB_SCALE: "0.02" });
      const second = await rerun.exited;
      expect(second.code).toBe(0);
      expect(JSON.parse(second.stdout)).toMatchObject({
        ran: 2,
        skipped: 1,
        failed: [],
        collected: { collected: 3, missing: 0 },
      });
    }, 40_000);
  }
});
