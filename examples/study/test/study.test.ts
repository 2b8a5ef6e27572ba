import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runStudy, type StudyOutput } from "../src/index.js";

// The whole quick study (four studies, every figure rendered): the check CI runs on the main job.
describe("npm run study -- --quick", () => {
  let dir: string;
  let output: StudyOutput;
  let html: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "emerge-study-"));
    output = await runStudy({ quick: true, outDir: dir });
    html = await readFile(join(dir, "index.html"), "utf8");
  }, 240_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("writes a self-contained report with a section, figures and tables for every study", () => {
    for (const title of [
      "Grokking modular addition",
      "Is emergence a mirage?",
      "Chinchilla scaling law (Approach 3)",
      "The emergence atlas: real language models",
      "The emergence lab: families trained here",
      "Same question, two kinds of evidence",
    ]) {
      expect(html).toContain(`>${title}<`);
    }
    // The atlas reads as its eight parts, each with its own figures and tables.
    for (const part of [
      "Emergence map",
      "Metric swap",
      "Inverse and U-shaped scaling",
      "Chain of thought by scale",
      "In-context learning by scale",
      "Emergence in training time",
      "Multi-step composition",
      "Is emergence predictable?",
    ]) {
      expect(html).toContain(`>${part}<`);
    }
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(9);
    expect(html.match(/<table/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
    // Self-contained: no external scripts, stylesheets or images.
    expect(html).not.toMatch(/<script|<link |src="http/);
  });

  it("writes summary.json with each study's headline numbers", async () => {
    const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8"));
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining([
        "generatedAt",
        "quick",
        "wallS",
        "grokking",
        "mirage",
        "chinchilla",
        "atlas",
        "lab",
      ]),
    );
    expect(summary.quick).toBe(true);
    expect(summary.grokking.seeds).toHaveLength(3);
    for (const s of summary.grokking.seeds) expect(s).toHaveProperty("generalizationStep");
    expect(Object.keys(summary.mirage.verdicts)).toEqual([
      "exact match",
      "per-digit accuracy",
      "token edit distance",
      "per-digit cross-entropy",
    ]);
    for (const k of ["E", "A", "B", "alpha", "beta"]) {
      const e = summary.chinchilla.estimates[k];
      expect(e.ci[0]).toBeLessThanOrEqual(e.value);
      expect(e.ci[1]).toBeGreaterThanOrEqual(e.value);
    }
    expect(summary.chinchilla.estimates.alpha.value).toBeCloseTo(0.348, 2);
    // The atlas entry carries exactly the names issue 13 fixes.
    const atlas = summary.atlas;
    expect(Object.keys(atlas).sort()).toEqual(
      [
        "cot_crossover",
        "icl_gain",
        "predictability",
        "series_analysed",
        "u_shaped_or_inverse",
        "verdicts",
      ].sort(),
    );
    expect(atlas.series_analysed).toBeGreaterThanOrEqual(60);
    expect(Object.keys(atlas.verdicts).sort()).toEqual(
      ["emergent", "flat", "insufficient-data", "inverse", "smooth", "u-shaped"].sort(),
    );
    expect(Object.values(atlas.verdicts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      atlas.series_analysed,
    );
    expect(Object.keys(atlas.icl_gain)).toEqual(["70m", "160m", "410m", "1b", "1.4b", "2.8b", "6.9b", "12b"]);
    expect(Object.keys(atlas.predictability)).toEqual(["params", "flops", "capability"]);
    for (const c of Object.values(
      atlas.cot_crossover as Record<string, { size: number | null; ci: unknown[] }>,
    )) {
      expect(c.ci).toHaveLength(2);
    }
    // The lab's smoke families: the entries issue 15 asks for, with their numbers.
    expect(Object.keys(summary.lab.mirage.verdicts)).toEqual([
      "exactMatch",
      "perDigitAccuracy",
      "editDistance",
      "crossEntropy",
    ]);
    expect(summary.lab.mirage.exactMatchVsProduct.maxAbsError).toBeGreaterThanOrEqual(0);
    expect(summary.lab.cot.thresholds).toHaveProperty("direct");
    expect(summary.lab.cot.thresholds).toHaveProperty("scratchpad");
    expect(summary.lab.cot).toHaveProperty("shiftDecades");
    expect(summary.lab.icl.errorAt2d).toHaveLength(3);
    expect(summary.lab.icl.leastSquares).toBeLessThan(1e-6);
    expect(summary).toEqual(JSON.parse(JSON.stringify(output.summary)));
  });

  it("writes a non-empty PNG per figure", async () => {
    const pngs = (await readdir(dir)).filter((f) => f.endsWith(".png"));
    expect(pngs.length).toBe(output.files.pngs.length);
    expect(pngs.length).toBeGreaterThanOrEqual(9);
    for (const f of pngs) {
      const bytes = await readFile(join(dir, f));
      expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect((await stat(join(dir, f))).size).toBeGreaterThan(5000);
    }
  });
});
