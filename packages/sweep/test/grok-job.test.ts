import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { grokJob } from "../src/grok/index.js";
import { expandSweep, runLocal } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "emerge-sweep-grok-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("grokJob (the CLI's default job)", () => {
  it("trains into the job's checkpoint directory and returns the deterministic part of the summary", async () => {
    const jobs = expandSweep({
      base: { p: 7, steps: 40, evalEvery: 10, checkpointEvery: 20, model: { width: 16 } },
      grid: { trainFraction: [0.5] },
    });
    const first = await runLocal(jobs, grokJob, { workDir: dir });
    expect(first.failed).toEqual([]);
    const result = first.records[0]!.result as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(
      [
        "final",
        "generalization95Step",
        "generalizationStep",
        "memorizationStep",
        "plateauSteps",
        "steps",
      ].sort(),
    );
    expect(result.steps).toBe(40);
    const runDir = join(dir, jobs[0]!.id);
    for (const file of ["config.json", "metrics.jsonl", "summary.json"])
      expect(existsSync(join(runDir, file))).toBe(true);
    expect(
      readFileSync(join(runDir, "metrics.jsonl"), "utf8").trim().split("\n").length,
    ).toBeGreaterThanOrEqual(4);
    // A retry in the same directory resumes from the final checkpoint and gives the same result.
    const again = await runLocal(jobs, grokJob, { workDir: dir });
    expect(again.records[0]!.result).toEqual(result);
  });

  it("rejects an invalid grok config before training, once: INVALID_CONFIG is not retried", async () => {
    let starts = 0;
    const report = await runLocal(expandSweep({ base: { p: 7, nonsense: 1 } }), grokJob, {
      workDir: dir,
      attempts: 3,
      backoffMs: 1,
      onEvent: (e) => {
        if (e.type === "start") starts++;
      },
    });
    expect(report.failed[0]!.error.message).toMatch(/nonsense/);
    expect(report.failed[0]!.error.code).toBe("INVALID_CONFIG");
    expect(starts).toBe(1);
  });
});
