import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { EvalRecord } from "../src/index.js";
import { latestCheckpoint, sweep, trainToDirectory } from "../src/node/index.js";

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

describe("run directories", () => {
  it("writes config.json, metrics.jsonl, checkpoints and a snake_case summary.json", async () => {
    const dir = tmp();
    const result = await trainToDirectory(small, dir);
    const summary = JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"));
    for (const key of [
      "memorization_step",
      "generalization_step",
      "steps",
      "wall_s",
      "steps_per_s",
      "backend",
    ]) {
      expect(summary).toHaveProperty(key);
    }
    expect(summary.final).toHaveProperty("train_acc");
    expect(summary.final).toHaveProperty("test_acc");
    expect(summary.steps).toBe(60);
    expect(readMetrics(dir)).toHaveLength(13); // steps 0, 5, …, 60
    expect(readMetrics(dir)).toEqual(result.metrics.map(({ elapsedS: _, ...m }) => m));
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    expect(config.config.p).toBe(23);
    expect(config.versions["@emerge/grok"]).toBe(
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version,
    );
    expect(readdirSync(join(dir, "checkpoints")).sort()).toEqual([
      "step-20.ckpt",
      "step-40.ckpt",
      "step-60.ckpt",
    ]);
    expect((await latestCheckpoint(dir))?.step).toBe(60);
  });

  it("a run killed with SIGKILL resumes to exactly the uninterrupted metrics", async () => {
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
    const before = await latestCheckpoint(dir);
    expect(before?.step).toBeGreaterThanOrEqual(50);
    expect(before?.step).toBeLessThan(400);

    const resumed = await trainToDirectory({}, dir, { resume: true });
    expect(resumed.summary.steps).toBe(400);
    expect(readMetrics(dir)).toEqual(readMetrics(straight));
  });

  it("the CLI trains with flags and reports phases", async () => {
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
    expect(await exit(bad)).toBe(1);
    expect(err).toMatch(/--p needs a number/);
  });

  it("sweeps a grid in parallel child processes", async () => {
    const dir = tmp();
    const jobs = await sweep({ ...small, steps: 20 }, { seed: [0, 1], "optimizer.lr": [1e-3] }, dir, {
      jobs: 2,
    });
    expect(jobs.map((j) => j.error)).toEqual([undefined, undefined]);
    expect(jobs.map((j) => j.point)).toEqual([
      { seed: 0, "optimizer.lr": 1e-3 },
      { seed: 1, "optimizer.lr": 1e-3 },
    ]);
    expect(jobs.every((j) => j.summary?.steps === 20)).toBe(true);
    expect(readFileSync(join(dir, "sweep.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
    // a job is a pure function of its config: the inline runner reproduces it
    const inline = await sweep({ ...small, steps: 20 }, { seed: [1], "optimizer.lr": [1e-3] }, tmp(), {
      runner: "inline",
    });
    expect(inline[0]?.summary?.final).toEqual(jobs[1]?.summary?.final);
  });
});
