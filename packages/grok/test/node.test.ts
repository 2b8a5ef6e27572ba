import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeCheckpoint, type EvalRecord, encodeCheckpoint, GrokError } from "../src/index.js";
import { latestCheckpoint, loadRun, trainToDirectory } from "../src/node/index.js";

const small = {
  p: 23,
  trainFraction: 0.5,
  steps: 60,
  evalEvery: 5,
  checkpointEvery: 20,
  model: { width: 64 },
  stopAfterGeneralization: null,
};
const tmp = () => mkdtempSync(join(tmpdir(), "grok-"));
const readMetrics = (dir: string) =>
  readFileSync(join(dir, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => {
      const { elapsedS: _, ...m } = JSON.parse(l) as EvalRecord;
      return m;
    });
const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const runCli = (args: string[]): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", "--conditions", "@emerge/source", cli, ...args], {
    stdio: "pipe",
  });
const exit = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on("close", resolve));

const code = (c: string) => expect.objectContaining({ code: c });
const snapshot = (dir: string) =>
  Object.fromEntries(
    [
      "config.json",
      "metrics.jsonl",
      "summary.json",
      ...readdirSync(join(dir, "checkpoints")).map((f) => `checkpoints/${f}`),
    ]
      .filter((f) => existsSync(join(dir, f)))
      .map((f) => [f, readFileSync(join(dir, f)).toString("base64")]),
  );

describe("run directories", () => {
  it("writes camelCase config.json (versions, Node, git commit), metrics.jsonl, checkpoints and summary.json", async () => {
    const dir = tmp();
    const result = await trainToDirectory(small, dir);
    const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
    expect(summary).toEqual({ formatVersion: 1, ...JSON.parse(JSON.stringify(result.summary)) });
    expect(Object.keys(summary.final).sort()).toEqual(["testAcc", "testLoss", "trainAcc", "trainLoss"]);
    for (const key of ["memorizationStep", "generalizationStep", "steps", "wallS", "stepsPerS", "backend"])
      expect(summary).toHaveProperty(key);
    expect(summary.steps).toBe(60);
    expect(readMetrics(dir)).toHaveLength(13); // steps 0, 5, …, 60
    expect(readMetrics(dir)).toEqual(result.metrics.map(({ elapsedS: _, ...m }) => m));
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config.formatVersion).toBe(1);
    expect(config.config.p).toBe(23);
    expect(config.versions["@emerge/grok"]).toBe(
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version,
    );
    expect(config.versions["@emerge/random"]).toMatch(/^\d+\.\d+\.\d+/);
    expect(config.versions.node).toBe(process.versions.node);
    expect(config.gitCommit).toMatch(/^[0-9a-f]{40}$/); // the tests run inside the repository
    const keys = (v: unknown): string[] =>
      Array.isArray(v)
        ? v.flatMap(keys)
        : typeof v === "object" && v !== null
          ? Object.entries(v).flatMap(([k, x]) => [k, ...keys(x)])
          : [];
    for (const key of [
      ...keys(config),
      ...keys(summary),
      ...keys(JSON.parse(readFileSync(join(dir, "metrics.jsonl"), "utf8").split("\n")[0] as string)),
    ])
      if (key !== "@emerge/grok" && key !== "@emerge/random" && key !== "@emerge/tasks")
        expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(readdirSync(join(dir, "checkpoints")).sort()).toEqual([
      "step-20.ckpt",
      "step-40.ckpt",
      "step-60.ckpt",
    ]);
    expect((await latestCheckpoint(dir))?.step).toBe(60);
    expect(existsSync(join(dir, "run.lock"))).toBe(false);
  });

  it("loadRun returns what trainToDirectory returned", async () => {
    const dir = tmp();
    const result = await trainToDirectory({ ...small, steps: 100, evalEvery: 10 }, dir);
    expect(loadRun(dir)).toEqual(JSON.parse(JSON.stringify(result)));
    expect(loadRun(dir).config.stopAfterGeneralization).toBeNull();
    expect(() => loadRun(tmp())).toThrow(code("BAD_RUN"));
    writeFileSync(join(dir, "summary.json"), "{");
    expect(() => loadRun(dir)).toThrow(/summary\.json is not valid JSON/);
  });

  it("keeps stopAfterGeneralization: null from the run directory into the trainer", async () => {
    const dir = tmp();
    // the bug: trainToDirectory resolved the config, createTrainer resolved it again and null became 100
    const result = await trainToDirectory({ ...small, steps: 10 }, dir);
    expect(result.config.stopAfterGeneralization).toBeNull();
    expect(
      JSON.parse(readFileSync(join(dir, "config.json"), "utf8")).config.stopAfterGeneralization,
    ).toBeNull();
  });

  it("a run owns its directory: another live run's lock, another run's files without resume or force", async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, "run.lock"),
      JSON.stringify({ pid: process.ppid, hostname: hostname(), startedAt: "then" }),
    );
    await expect(trainToDirectory(small, dir)).rejects.toMatchObject({ code: "RUN_LOCKED" });
    expect(readdirSync(dir)).toEqual(["run.lock"]);
    // a stale lock (its process is gone) is taken over
    writeFileSync(
      join(dir, "run.lock"),
      JSON.stringify({ pid: 2 ** 22 + 12345, hostname: hostname(), startedAt: "then" }),
    );
    await trainToDirectory({ ...small, steps: 40 }, dir);
    const before = snapshot(dir);
    // the bug: a fresh run here pruned its own new checkpoints, and a later resume continued the old run
    await expect(trainToDirectory({ ...small, seed: 1 }, dir)).rejects.toMatchObject({ code: "RUN_EXISTS" });
    expect(snapshot(dir)).toEqual(before);
    const forced = await trainToDirectory({ ...small, seed: 1, steps: 20, checkpointEvery: 5 }, dir, {
      force: true,
    });
    expect(forced.config.seed).toBe(1);
    expect(readdirSync(join(dir, "checkpoints")).sort()).toEqual([
      "step-10.ckpt",
      "step-15.ckpt",
      "step-20.ckpt",
    ]);
    expect((await latestCheckpoint(dir))?.config.seed).toBe(1);
  });

  it("a file where the run directory should be is a typed error", async () => {
    const file = join(tmp(), "file");
    writeFileSync(file, "x");
    await expect(trainToDirectory(small, file)).rejects.toMatchObject({ code: "WRITE_FAILED" });
    await expect(trainToDirectory(small, join(file, "sub"))).rejects.toMatchObject({ code: "WRITE_FAILED" });
  });

  it("resume applies steps and refuses settings that conflict with the stored run", async () => {
    const dir = tmp();
    await trainToDirectory({ ...small, steps: 40 }, dir);
    const before = snapshot(dir);
    // the bug: --resume --width 32 silently resumed a width-64 run
    await expect(trainToDirectory({ model: { width: 32 }, p: 29 }, dir, { resume: true })).rejects.toThrow(
      /different p \(stored 23, given 29\), model\.width \(stored 64, given 32\)/,
    );
    await expect(
      trainToDirectory({ model: { kind: "transformer" } }, dir, { resume: true }),
    ).rejects.toMatchObject({ code: "RESUME_CONFLICT" });
    expect(snapshot(dir)).toEqual(before);
    const longer = await trainToDirectory({ p: 23, model: { width: 64 }, steps: 60 }, dir, { resume: true });
    expect(longer.summary.steps).toBe(60);
    const straight = await trainToDirectory({ ...small, steps: 60 }, tmp());
    expect(readMetrics(dir)).toEqual(straight.metrics.map(({ elapsedS: _, ...m }) => m));
  });

  it("resume falls back to the newest verified checkpoint and says so; with none it refuses and changes nothing", async () => {
    const dir = tmp();
    const straight = await trainToDirectory(small, tmp());
    await trainToDirectory({ ...small, steps: 40 }, dir);
    // flip one byte of the newest checkpoint's header: format 2's checksum covers it
    const newest = join(dir, "checkpoints", "step-40.ckpt");
    const bytes = readFileSync(newest);
    bytes[20] = (bytes[20] as number) ^ 0x01;
    writeFileSync(newest, bytes);
    const warnings: string[] = [];
    const resumed = await trainToDirectory({ steps: 60 }, dir, {
      resume: true,
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings.join("\n")).toMatch(
      /step-40\.ckpt failed verification \(not a valid checkpoint: checksum mismatch/,
    );
    expect(warnings.join("\n")).toMatch(/resuming from the newest verified checkpoint, step 20/);
    expect(resumed.summary.steps).toBe(60);
    expect(readMetrics(dir)).toEqual(straight.metrics.map(({ elapsedS: _, ...m }) => m));

    // every checkpoint unreadable: the bug started a fresh default run and overwrote the files
    const broken = tmp();
    await trainToDirectory({ ...small, steps: 40 }, broken);
    for (const f of readdirSync(join(broken, "checkpoints")))
      writeFileSync(
        join(broken, "checkpoints", f),
        readFileSync(join(broken, "checkpoints", f)).subarray(0, 100),
      );
    const before = snapshot(broken);
    await expect(trainToDirectory({}, broken, { resume: true })).rejects.toMatchObject({
      code: "NO_VERIFIED_CHECKPOINT",
    });
    expect(snapshot(broken)).toEqual(before);
  });

  it("a checkpoint whose config key is corrupted (checksum intact) is a typed error and falls back", async () => {
    const dir = tmp();
    await trainToDirectory({ ...small, steps: 40 }, dir);
    const newest = join(dir, "checkpoints", "step-40.ckpt");
    const c = decodeCheckpoint(new Uint8Array(readFileSync(newest)));
    const damaged = encodeCheckpoint({
      ...c,
      config: { ...c.config, model: { kind: "mlp", widht: 64 } as never },
    });
    expect(() => decodeCheckpoint(damaged)).toThrow(GrokError);
    expect(() => decodeCheckpoint(damaged)).toThrow(
      /config: unknown key model\.widht; did you mean model\.width\?/,
    );
    writeFileSync(newest, damaged);
    expect((await latestCheckpoint(dir))?.step).toBe(20);
  });

  it("an aborted run (Ctrl-C) saves a checkpoint at the step it stopped, and resumes to the uninterrupted metrics", async () => {
    // the bug: an abort between periodic checkpoints lost every step since the last one
    const config = { ...small, steps: 50, checkpointEvery: 20 };
    const straight = tmp();
    await trainToDirectory(config, straight);

    const dir = tmp();
    const controller = new AbortController();
    await expect(
      trainToDirectory(config, dir, {
        signal: controller.signal,
        onStep: (s) => {
          if (s === 27) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: "ABORTED" });
    expect((await latestCheckpoint(dir))?.step).toBe(27);
    expect(readMetrics(dir).map((m) => m.step)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(existsSync(join(dir, "summary.json"))).toBe(false);

    const resumed = await trainToDirectory({}, dir, { resume: true });
    expect(resumed.summary.steps).toBe(50);
    expect(readMetrics(dir)).toEqual(readMetrics(straight));
  });

  it("a run killed with SIGKILL resumes to exactly the uninterrupted metrics (its stale lock taken over)", async () => {
    const config = { ...small, steps: 400, checkpointEvery: 25, model: { width: 128 } };
    const straight = tmp();
    await trainToDirectory(config, straight);

    const dir = tmp();
    const child = runCli([
      "train",
      "--config-json",
      JSON.stringify(config),
      "--out",
      dir,
      "--quiet",
      "--threads",
      "2",
    ]);
    const done = exit(child);
    // wait for a checkpoint, then kill without warning
    for (let i = 0; i < 600 && !existsSync(join(dir, "checkpoints", "step-50.ckpt")); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill("SIGKILL");
    await done;
    expect(existsSync(join(dir, "summary.json"))).toBe(false);
    expect(existsSync(join(dir, "run.lock"))).toBe(true);
    const before = await latestCheckpoint(dir);
    expect(before?.step).toBeGreaterThanOrEqual(50);
    expect(before?.step).toBeLessThan(400);

    const resumed = await trainToDirectory({}, dir, { resume: true });
    expect(resumed.summary.steps).toBe(400);
    expect(readMetrics(dir)).toEqual(readMetrics(straight));
  });

  it("the CLI trains with flags and reports phases; a bad value is a usage error", async () => {
    const dir = tmp();
    const child = runCli([
      "train",
      "--op",
      "add",
      "--p",
      "23",
      "--frac",
      "0.5",
      "--width",
      "64",
      "--steps",
      "30",
      "--out",
      dir,
    ]);
    let out = "";
    child.stdout?.on("data", (d) => {
      out += String(d);
    });
    expect(await exit(child)).toBe(0);
    expect(out).toMatch(/memorization step/);
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")).steps).toBe(30);
    const bad = runCli(["train", "--p", "abc", "--out", dir]);
    let err = "";
    bad.stderr?.on("data", (d) => {
      err += String(d);
    });
    expect(await exit(bad)).toBe(2);
    expect(err).toBe("emerge-grok: error: option '--p <n>' argument 'abc' is invalid. needs a number.\n");
  });
});
