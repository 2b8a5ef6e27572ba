import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  collect,
  directoryStore,
  expandSweep,
  indexFromEnv,
  type JobFunction,
  memoryStore,
  runLocal,
  SweepError,
  type SweepEvent,
  selectIndex,
  toCsv,
  writeResults,
} from "../src/index.js";
import { FIXTURE_JOB, mainInProcess, runCli } from "./helpers/cli.js";

const dirs: string[] = [];
const temp = (label: string) => {
  const dir = mkdtempSync(join(tmpdir(), `emerge-sweep-${label}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const fixture = { module: FIXTURE_JOB };
const spec = { base: { steps: 3000, checkpointEvery: 1000 }, grid: { a: [1, 2, 3] }, seeds: [0, 1] };

// The same computation as the fixture module, in this process: results must match across runners.
const inProcess: JobFunction = async (config) => {
  let x = (((config.seed as number) ?? 0) * 2654435761 + ((config.a as number) ?? 0)) >>> 0;
  let sum = 0;
  for (let step = 0; step < (config.steps as number); step++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    x = Math.imul(x ^ (x >>> 12), 0x297a2d39) >>> 0;
    x = (x ^ (x >>> 15)) >>> 0;
    sum = (sum + (x & 0xffff)) % 1_000_000_007;
  }
  return { x, sum, steps: config.steps as number };
};

describe("runLocal", () => {
  it("runs a module job on a pool of child processes, equal to running it in process", async () => {
    const jobs = expandSweep(spec);
    const events: SweepEvent[] = [];
    const pooled = await runLocal(jobs, fixture, {
      concurrency: 2,
      workDir: temp("pool"),
      onEvent: (e) => events.push(e),
    });
    const direct = await runLocal(jobs, inProcess, { concurrency: 1, workDir: temp("direct") });
    expect(pooled.ran).toBe(6);
    expect(pooled.failed).toEqual([]);
    expect(pooled.records.map((r) => [r.id, r.result])).toEqual(direct.records.map((r) => [r.id, r.result]));
    expect(pooled.records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.filter((e) => e.type === "done")).toHaveLength(6);
    expect(events.some((e) => e.type === "progress" && e.progress.total === 3000)).toBe(true);
  });

  it("skips jobs whose results are stored, so an interrupted sweep finishes where it stopped", async () => {
    const jobs = expandSweep(spec);
    const store = memoryStore();
    await runLocal(jobs.slice(0, 2), fixture, { concurrency: 2, store, workDir: temp("skip") });
    const again = await runLocal(jobs, fixture, { concurrency: 2, store, workDir: temp("skip") });
    expect(again.skipped).toBe(2);
    expect(again.ran).toBe(4);
    expect(again.records).toHaveLength(6);
    expect((await store.all()).length).toBe(6);
  });

  it("retries a failing job with exponential backoff, in the same checkpoint directory", async () => {
    const jobs = expandSweep({ base: { steps: 500, checkpointEvery: 100, failUntilAttempt: 3 } });
    const workDir = temp("retry");
    const events: SweepEvent[] = [];
    const report = await runLocal(jobs, fixture, {
      attempts: 3,
      backoffMs: 20,
      workDir,
      onEvent: (e) => events.push(e),
    });
    expect(report.failed).toEqual([]);
    expect(report.records[0]!.attempt).toBe(3);
    expect(events.filter((e) => e.type === "retry").map((e) => (e as { delayMs: number }).delayMs)).toEqual([
      20, 40,
    ]);
    const starts = readFileSync(join(workDir, jobs[0]!.id, "starts.log"), "utf8")
      .trim()
      .split("\n");
    expect(starts).toEqual(["0", "0", "0"]);
    const fails = await runLocal(expandSweep({ base: { steps: 10, failUntilAttempt: 9 } }), fixture, {
      attempts: 2,
      backoffMs: 1,
      workDir,
    });
    expect(fails.failed).toHaveLength(1);
    expect(fails.failed[0]!.error.message).toMatch(/flaky on attempt 2/);
  });

  it("reports a crashed job process as WORKER_CRASHED and replaces the process", async () => {
    const jobs = expandSweep({ base: { steps: 10 }, grid: { crashOnAttempt: [1, 5] } });
    const report = await runLocal(jobs, fixture, {
      concurrency: 1,
      attempts: 2,
      backoffMs: 1,
      workDir: temp("crash"),
    });
    expect(report.failed).toEqual([]);
    expect(report.records.map((r) => r.attempt)).toEqual([2, 1]);
  });

  it("rejects a result JSON cannot hold (NaN) as BAD_RESULT instead of storing null", async () => {
    const report = await runLocal(expandSweep({ base: { nan: true } }), fixture, { workDir: temp("nan") });
    expect(report.failed[0]!.error.code).toBe("BAD_RESULT");
  });

  it("fails fast with JOB_MODULE when the module has no job function", async () => {
    const jobs = expandSweep({ base: {} });
    await expect(
      runLocal(jobs, { module: FIXTURE_JOB, export: "nope" }, { workDir: temp("mod") }),
    ).rejects.toMatchObject({
      code: "JOB_MODULE",
    });
    await expect(runLocal(jobs, { module: "./does-not-exist.mjs" }, {})).rejects.toBeInstanceOf(SweepError);
  });

  it("stops on abort: running jobs are stopped, finished results kept, the call rejects with ABORTED", async () => {
    // Job 0 is short; job 1, running beside it, takes 8 s unless aborted.
    const jobs = expandSweep({
      base: { checkpointEvery: 100, delayMs: 40 },
      grid: { a: [1, 2], steps: [200, 20_000] },
    });
    const store = memoryStore();
    const controller = new AbortController();
    const started = Date.now();
    const run = runLocal(jobs, fixture, {
      concurrency: 2,
      store,
      workDir: temp("abort"),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "done") controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: "ABORTED" });
    expect(Date.now() - started).toBeLessThan(6000);
    const stored = (await store.all()).length;
    expect(stored).toBeGreaterThanOrEqual(1);
    expect(stored).toBeLessThan(4);
    expect(await store.has(jobs[1]!.id)).toBe(false);
  });

  it("rejects bad options with INVALID_OPTION", async () => {
    await expect(runLocal([], fixture, { concurrency: 0 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(runLocal([], fixture, { attempts: 0 })).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });
});

describe("directoryStore", () => {
  it("keeps the first record of an id and reports later ones as duplicates, across processes", async () => {
    const dir = temp("store");
    const jobs = expandSweep(spec);
    const record = {
      id: jobs[0]!.id,
      index: 0,
      config: jobs[0]!.config,
      result: 1,
      attempt: 1,
      worker: "a",
      finishedAt: "t",
      wall_s: 1,
    };
    const a = directoryStore(dir);
    const b = directoryStore(dir);
    const outcomes = await Promise.all([
      a.put(record),
      b.put({ ...record, result: 2 }),
      a.put({ ...record, result: 3 }),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await a.all()).toHaveLength(1);
    expect(readdirSync(join(dir, "records"))).toEqual([`${jobs[0]!.id}.json`]); // no temp files left behind
    await expect(a.has("../etc")).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });
});

describe("results table", () => {
  it("writes JSONL, CSV and each run's summary in sweep order", async () => {
    const jobs = expandSweep(spec);
    const store = memoryStore();
    await runLocal([...jobs].reverse(), fixture, { concurrency: 2, store, workDir: temp("table") });
    const records = await collect(store);
    expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const out = temp("out");
    const files = await writeResults(records, out);
    const lines = readFileSync(files.jsonl, "utf8").trim().split("\n");
    expect(lines.map((l) => JSON.parse(l).id)).toEqual(jobs.map((j) => j.id));
    const csv = readFileSync(files.csv, "utf8").split("\r\n");
    expect(csv[0]).toBe(
      "id,index,config.steps,config.checkpointEvery,config.a,config.seed,result.x,result.sum,result.steps,attempt,wall_s,worker,finishedAt",
    );
    expect(csv).toHaveLength(8);
    const summary = JSON.parse(readFileSync(join(files.runs, jobs[2]!.id, "summary.json"), "utf8"));
    expect(summary.config).toEqual(jobs[2]!.config);
  });

  it("quotes CSV fields per RFC 4180", () => {
    expect(
      toCsv([
        { a: 'say "hi", ok', b: null },
        { a: 1, c: true },
      ]),
    ).toBe('a,b,c\r\n"say ""hi"", ok",,\r\n1,,true\r\n');
  });
});

describe("--index mode (Kubernetes indexed Jobs, Slurm arrays)", () => {
  it("reads the task index from the scheduler's environment", () => {
    expect(indexFromEnv({ JOB_COMPLETION_INDEX: "4" })).toBe(4);
    expect(indexFromEnv({ SLURM_ARRAY_TASK_ID: "7", SLURM_ARRAY_TASK_MIN: "1" })).toBe(6);
    expect(() => indexFromEnv({})).toThrow(SweepError);
    const jobs = expandSweep({ grid: { a: [0, 1, 2, 3, 4] } });
    expect(selectIndex(jobs, 3).map((j) => j.index)).toEqual([3]);
    expect(selectIndex(jobs, 1, 2).map((j) => j.index)).toEqual([1, 3]);
    expect(() => selectIndex(jobs, 5)).toThrow(/outside the sweep/);
  });

  it("runs one job per task into a shared results directory; collect gives the local-pool table", async () => {
    const dir = temp("index");
    const specFile = join(dir, "spec.json");
    const small = { base: { steps: 2000, checkpointEvery: 500 }, grid: { a: [1, 2] }, seeds: [0, 1] };
    await import("node:fs/promises").then((fs) => fs.writeFile(specFile, JSON.stringify(small)));
    const out = join(dir, "results");
    // Two real processes (as Kubernetes and Slurm start them) and one task in this process.
    const tasks = await Promise.all([
      runCli(["run", specFile, "--job", FIXTURE_JOB, "--out", out, "--index", "env", "--quiet"], {
        JOB_COMPLETION_INDEX: "0",
      }),
      runCli(["run", specFile, "--job", FIXTURE_JOB, "--out", out, "--index", "env", "--stride", "2"], {
        SLURM_ARRAY_TASK_ID: "1",
      }),
      mainInProcess(["run", specFile, "--job", FIXTURE_JOB, "--out", out, "--index", "2", "--quiet"]),
    ]);
    expect(tasks.map((t) => t.code)).toEqual([0, 0, 0]);
    const collected = await mainInProcess([
      "collect",
      "--results",
      out,
      "--spec",
      specFile,
      "--out",
      join(dir, "table"),
    ]);
    expect(collected.code).toBe(0);
    const table = readFileSync(join(dir, "table", "results.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const local = await runLocal(expandSweep(small), inProcess, { workDir: temp("index-local") });
    expect(table.map((r) => [r.id, r.result])).toEqual(local.records.map((r) => [r.id, r.result]));
  });

  it("exits 1 with a typed one-line message on an invalid spec (a runtime error, not a usage error)", async () => {
    const dir = temp("bad");
    const specFile = join(dir, "spec.json");
    await import("node:fs/promises").then((fs) =>
      fs.writeFile(specFile, JSON.stringify({ grid: { lr: [] } })),
    );
    const result = await mainInProcess(["run", specFile, "--job", FIXTURE_JOB, "--out", join(dir, "o")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/INVALID_SPEC: invalid sweep spec: grid\["lr"\] must be a non-empty array/);
  });
});
