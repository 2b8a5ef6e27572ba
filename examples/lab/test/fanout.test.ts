import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AdditionMemberConfig } from "../src/index.js";
import { fanOut } from "../src/run/fanout.js";
import { trainAdditionMember } from "../src/run/train-addition.js";

const member = (dModel: number): AdditionMemberConfig => ({
  task: "addition",
  engine: "@emerge/grok",
  digits: 2,
  style: "direct",
  model: { layers: 1, dModel, heads: 2 },
  seed: 0,
  steps: 3,
  batch: 2,
  lr: 3e-3,
  warmup: 1,
  trainProblems: 50,
  testProblems: 10,
});

describe("fan-out over @emerge/sweep", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("trains each member once: a rerun reads the cache, a grown family trains only the new member", async () => {
    dir = await mkdtemp(join(tmpdir(), "lab-fanout-"));
    const first = await fanOut([member(4), member(6)], { resultsDir: dir, concurrency: 2 });
    expect([first.ran, first.cached]).toEqual([2, 0]);
    const again = await fanOut([member(4), member(6)], { resultsDir: dir, concurrency: 2 });
    expect([again.ran, again.cached]).toEqual([0, 2]);
    expect(again.results).toEqual(first.results);
    const grown = await fanOut([member(4), member(6), member(8)], { resultsDir: dir, concurrency: 2 });
    expect([grown.ran, grown.cached]).toEqual([1, 2]);
    // The child process computed what training in this process computes: results are deterministic.
    expect(grown.results[2]?.result).toEqual(
      JSON.parse(JSON.stringify(await trainAdditionMember(member(8)))),
    );
  }, 120_000);
});
