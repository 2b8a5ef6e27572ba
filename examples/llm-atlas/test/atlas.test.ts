import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AtlasHeadline, crossover, run, study, VERDICTS } from "../src/index.js";
import { firstComponent, weightedLine } from "../src/stats.js";

describe("crossover", () => {
  const sizes = [1e8, 1e9, 1e10, 1e11];
  const se = sizes.map(() => 0.01);
  it("finds where a rising gain crosses zero, with an interval around it", () => {
    // gain = 0.1·(log10 N − 9.5): crosses at 10^9.5.
    const gains = sizes.map((s) => 0.1 * (Math.log10(s) - 9.5));
    const c = crossover(sizes, gains, se, { draws: 400, seed: "t" });
    expect(c.status).toBe("crosses");
    expect(Math.log10(c.size as number)).toBeCloseTo(9.5, 6);
    expect(c.ci[0]).not.toBeNull();
    expect(c.ci[0] as number).toBeLessThan(c.size as number);
    expect(c.ci[1] as number).toBeGreaterThan(c.size as number);
  });
  it("gives no size when the gain does not rise beyond its noise", () => {
    const c = crossover(sizes, [0.01, -0.01, 0.012, -0.005], se, { draws: 100, seed: "t" });
    expect(c.status).toBe("not-rising");
    expect(c.size).toBeNull();
    expect(c.ci).toEqual([null, null]);
  });
  it("tells a gain that is positive throughout from one not yet positive", () => {
    const up = sizes.map((s) => 0.1 + 0.05 * (Math.log10(s) - 8));
    expect(crossover(sizes, up, se, { draws: 0, seed: "t" }).status).toBe("helps-throughout");
    const low = sizes.map((s) => -0.5 + 0.05 * (Math.log10(s) - 8));
    expect(crossover(sizes, low, se, { draws: 0, seed: "t" }).status).toBe("not-yet");
  });
});

describe("stats", () => {
  it("weightedLine recovers an exact line", () => {
    const l = weightedLine([0, 1, 2, 3], [1, 3, 5, 7], [1, 1, 1, 1]);
    expect(l.a).toBeCloseTo(1, 12);
    expect(l.b).toBeCloseTo(2, 12);
  });
  it("firstComponent finds the dominant direction from the fitted rows only", () => {
    // Rows along (1, 2, 0) plus a little noise on the third axis; the last row is an outlier not fitted.
    const data = [-2, -1, 0, 1, 2].map((t, i) => [t, 2 * t, 0.01 * (i % 2)] as (number | null)[]);
    data.push([100, -100, 100]);
    const pc = firstComponent(data, [0, 1, 2, 3, 4]);
    expect(Math.abs(pc.loadings[0] as number)).toBeCloseTo(1 / Math.sqrt(5), 3);
    expect(Math.abs(pc.loadings[1] as number)).toBeCloseTo(2 / Math.sqrt(5), 3);
    expect(pc.explained).toBeGreaterThan(0.999);
    // Missing values are filled with the fitted rows' means.
    expect(
      firstComponent(
        [
          [1, null],
          [3, 4],
          [5, 8],
        ],
        [1, 2],
      ).scores[0],
    ).toBeLessThan(0);
  });
});

describe("the atlas (quick)", () => {
  let dir: string;
  let h: AtlasHeadline;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "emerge-atlas-"));
    h = (await run({ quick: true, outDir: dir })).headline;
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("classifies every emergent-task series of every family with ≥ 3 sizes", () => {
    expect(h.map.entries.length).toBeGreaterThanOrEqual(60);
    expect(h.map.entries.every((e) => e.sizes >= 3)).toBe(true);
    const total = VERDICTS.reduce((s, v) => s + (h.map.verdicts[v] ?? 0), 0);
    expect(total).toBe(h.map.entries.length);
    // GPT-Neo/J 3-digit addition: 0 up to 2.7B, then 0.32 and 0.50: the textbook jump.
    const neo = h.map.entries.find((e) => e.family === "GPT-Neo/J" && e.metric === "arithmetic_3da");
    expect(neo?.byParams.verdict).toBe("emergent");
    const t = neo?.byParams.threshold;
    expect(t?.value).toBeGreaterThan(2.7e9);
    expect(t?.value).toBeLessThan(20e9);
  });

  it("writes summary.json's atlas entry with the issue's names and consistent numbers", () => {
    const s = study.summary(h);
    expect(s.series_analysed).toBe(h.map.entries.length);
    expect(Object.keys(s.icl_gain)).toEqual(["70m", "160m", "410m", "1b", "1.4b", "2.8b", "6.9b", "12b"]);
    for (const c of Object.values(s.cot_crossover)) {
      if (c.size !== null && c.ci[0] !== null) expect(c.ci[0]).toBeLessThanOrEqual(c.size);
    }
    // TruthfulQA falls with size in Pythia (Ruan et al.'s data): the interval test must see it.
    expect(s.u_shaped_or_inverse).toContain("Pythia");
    for (const k of ["params", "flops", "capability"] as const)
      expect(s.predictability[k]).toBeGreaterThan(0);
  });

  it("sets Wei et al.'s Table 1 rows beside the data: 3-digit arithmetic is reached far below 13B", () => {
    expect(h.wei.map((r) => r.wei.params)).toEqual([13e9, 175e9, 280e9, 68e9]);
    const arith = h.wei[0];
    expect(arith?.smallestHalfway?.params).toBeLessThan(13e9);
    for (const e of arith?.emergent ?? []) expect(e.params).toBeLessThan(13e9);
  });

  it("reads GPT-3's Table H.1: 175B addition falls faster with digits than p^k", () => {
    const g = h.composition.gpt3.find((f) => f.params === 175e9 && f.operation === "addition");
    [1, 0.804, 0.255, 0.093].forEach((v, i) => {
      expect(g?.observed[i]).toBeCloseTo(v, 12);
    });
    expect(g?.maxError).toBeGreaterThan(0.2);
  });
});
