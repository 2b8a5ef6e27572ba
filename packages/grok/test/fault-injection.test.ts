import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomSource } from "@emerge/random";
import { afterEach, describe, expect, it } from "vitest";
import { cpuBackend, type EvalRecord, GrokError } from "../src/index.js";
import { fsOps } from "../src/node/atomic-write.js";
import { loadRun, trainToDirectory as train } from "../src/node/index.js";

const config = {
  p: 13,
  trainFraction: 0.5,
  steps: 40,
  evalEvery: 5,
  checkpointEvery: 10,
  model: { width: 16 },
  stopAfterGeneralization: null,
};
const tmp = () => mkdtempSync(join(tmpdir(), "grok-fault-"));
const strip = (ms: readonly EvalRecord[]) => ms.map(({ elapsedS: _, ...m }) => m);
const files = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name)).toString("base64");
    }
  };
  walk(dir, "");
  return out;
};

const real = { ...fsOps };
afterEach(() => Object.assign(fsOps, real));

type Op = "writeSync" | "fsyncSync" | "openSync" | "renameSync";
type Fault = "ENOSPC" | "short" | "zero" | "EIO";

/** Make the `at`-th call (0-based) of `op` fail with `fault`; later calls fail too (the disk stays full). */
function inject(op: Op, at: number, fault: Fault): void {
  let calls = 0;
  const fail = (): never => {
    const e = new Error(`${fault}: injected`) as NodeJS.ErrnoException;
    e.code = fault === "EIO" ? "EIO" : "ENOSPC";
    throw e;
  };
  if (op === "writeSync") {
    fsOps.writeSync = (fd, buffer, offset, length) => {
      if (calls++ < at) return real.writeSync(fd, buffer, offset, length);
      if (fault === "short" && length > 1) return real.writeSync(fd, buffer, offset, Math.floor(length / 2));
      if (fault === "zero" || fault === "short") return 0;
      return fail();
    };
  } else {
    const original = real[op] as (...args: unknown[]) => unknown;
    (fsOps as Record<Op, unknown>)[op] = (...args: unknown[]) => (calls++ < at ? original(...args) : fail());
  }
}

function count(op: Op): () => number {
  let calls = 0;
  const original = real[op] as (...args: unknown[]) => unknown;
  (fsOps as Record<Op, unknown>)[op] = (...args: unknown[]) => {
    calls++;
    return original(...args);
  };
  return () => calls;
}

describe("training on a disk that fails", () => {
  it("never leaves a run directory unreadable: resume finishes the run exactly, or refuses and changes nothing", async () => {
    // one single-threaded backend for all runs: no worker start-up per run (results do not depend on threads)
    const backend = await cpuBackend({ threads: 1 });
    const trainToDirectory: typeof train = (input, dir, options = {}) =>
      train(input, dir, { ...options, backend });
    const straight = await trainToDirectory(config, tmp());
    // a run trained to step 20 and then continued to 40: what a faulted continuation must end as
    const twoPart = tmp();
    await trainToDirectory({ ...config, steps: 20 }, twoPart);
    const continued = await trainToDirectory(config, twoPart, { resume: true });
    const counts: Record<Op, number> = { writeSync: 0, fsyncSync: 0, openSync: 0, renameSync: 0 };
    for (const op of Object.keys(counts) as Op[]) {
      const n = count(op);
      await trainToDirectory(config, tmp());
      counts[op] = n();
      Object.assign(fsOps, real);
    }
    const rng = randomSource("fault-injection");
    const ops = Object.keys(counts) as Op[];
    const faults: Record<Op, Fault[]> = {
      writeSync: ["ENOSPC", "short", "zero", "EIO"],
      fsyncSync: ["EIO", "ENOSPC"],
      openSync: ["ENOSPC"],
      renameSync: ["ENOSPC", "EIO"],
    };
    const tally = { trials: 0, failedWrites: 0, resumed: 0, refused: 0, completedAnyway: 0, untyped: 0 };
    for (let trial = 0; trial < 60; trial++) {
      const op = ops[rng.int(ops.length)] as Op;
      const fault = faults[op][rng.int(faults[op].length)] as Fault;
      const at = rng.int(counts[op]);
      // odd trials fail while continuing a finished 20-step run to 40 steps, even ones in a fresh run
      const continuing = trial % 2 === 1;
      const expected = continuing ? continued : straight;
      const dir = tmp();
      if (continuing) await trainToDirectory({ ...config, steps: 20 }, dir);
      tally.trials++;
      inject(op, at, fault);
      let failed: unknown;
      try {
        await trainToDirectory(config, dir, { resume: continuing });
      } catch (e) {
        failed = e;
      }
      Object.assign(fsOps, real);
      const where = `${continuing ? "continuing" : "fresh"} ${op}#${at} ${fault}`;
      if (failed === undefined) {
        tally.completedAnyway++;
      } else {
        if (!(failed instanceof GrokError)) tally.untyped++;
        expect(failed, where).toBeInstanceOf(GrokError);
        tally.failedWrites++;
        expect(
          readdirSync(dir).filter((f) => f.includes(".tmp-")),
          where,
        ).toEqual([]);
        const before = files(dir);
        try {
          const resumed = await trainToDirectory(config, dir, { resume: true });
          expect(strip(resumed.metrics), where).toEqual(strip(expected.metrics));
          tally.resumed++;
        } catch (e) {
          expect(e, where).toMatchObject({ code: "NO_VERIFIED_CHECKPOINT" });
          expect(files(dir), where).toEqual(before);
          tally.refused++;
          continue;
        }
      }
      const loaded = loadRun(dir);
      expect(strip(loaded.metrics), where).toEqual(strip(expected.metrics));
      expect(loaded.summary.steps, where).toBe(40);
      expect(existsSync(join(dir, "run.lock")), where).toBe(false);
    }
    console.log(
      `fault injection: ${tally.trials} runs (half of them continuing a finished run) with a failing disk (${JSON.stringify(counts)} calls per clean run); ` +
        `${tally.failedWrites} typed write failures, ${tally.resumed} resumed exactly, ${tally.refused} refused cleanly, ` +
        `${tally.completedAnyway} finished before the fault, ${tally.untyped} untyped errors`,
    );
    expect(tally.untyped).toBe(0);
    backend.dispose();
  }, 240_000);
});

describe("writeAtomic", () => {
  it("refuses a short write: the old file stays, no temporary file is left (the bug renamed a truncated file)", async () => {
    const { writeAtomic } = await import("../src/node/index.js");
    const dir = tmp();
    const path = join(dir, "a.ckpt");
    writeAtomic(path, "old contents");
    for (const fault of ["short", "zero", "ENOSPC"] as const) {
      inject("writeSync", 0, fault);
      expect(() => writeAtomic(path, "x".repeat(100_000))).toThrow(
        expect.objectContaining({ code: "WRITE_FAILED" }),
      );
      Object.assign(fsOps, real);
      expect(readFileSync(path, "utf8")).toBe("old contents");
      expect(readdirSync(dir)).toEqual(["a.ckpt"]);
    }
  });
});
