import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runLab, study } from "../src/index.js";

// The smoke preset end to end (what `npm run study -- --quick` runs for the lab), in this process.
describe("the lab's smoke preset", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("trains the three families, writes each study's files and the summary entries the issue asks for", async () => {
    dir = await mkdtemp(join(tmpdir(), "lab-smoke-"));
    const result = await runLab({ preset: "smoke", outDir: dir });
    for (const s of ["mirage", "cot", "icl"]) {
      const files = await readdir(join(dir, s));
      expect(files).toEqual(expect.arrayContaining(["headline.json", "tables.md"]));
      expect(files.some((f) => f.endsWith(".svg"))).toBe(true);
    }
    const h = result.headline;
    expect(h.members.trained + h.members.cached).toBe(5 + 5 + 3);
    expect(h.mirage.rows).toHaveLength(5);
    // Sizes span more than a decade of non-embedding parameters even in the smoke family.
    expect(h.mirage.rows.at(-1)!.params / h.mirage.rows[0]!.params).toBeGreaterThan(10);
    const summary = study.summary(h);
    expect(Object.keys(summary.mirage.verdicts)).toEqual([
      "exactMatch",
      "perDigitAccuracy",
      "editDistance",
      "crossEntropy",
    ]);
    expect(summary.mirage.exactMatchVsProduct.maxAbsError).toBeGreaterThanOrEqual(0);
    expect(summary.cot.thresholds.direct).toHaveProperty("ci");
    expect(summary.icl.errorAt2d).toHaveLength(3);
    expect(summary.icl.leastSquares).toBeLessThan(1e-6);
    expect(JSON.parse(await readFile(join(dir, "cot", "headline.json"), "utf8")).shift.level).toBe(0.5);
    // A rerun trains nothing: every member comes from the cache.
    const again = await runLab({ preset: "smoke", outDir: dir });
    expect(again.headline.members).toMatchObject({ trained: 0, cached: 13 });
    expect(again.headline.mirage.rows).toEqual(h.mirage.rows);
  }, 240_000);
});
