import { describe, expect, it } from "vitest";
import { OPT_MODELS, OPT_ZERO_SHOT } from "../data/opt-zero-shot.js";
import { analyseSeries, scoreSeries } from "../src/analyse.js";

describe("OPT zero-shot data", () => {
  it("has 8 models in increasing size and one finite value per model in every series", () => {
    expect(OPT_MODELS.map((m) => m.name)).toEqual([
      "OPT-125M",
      "OPT-350M",
      "OPT-1.3B",
      "OPT-2.7B",
      "OPT-6.7B",
      "OPT-13B",
      "OPT-30B",
      "OPT-66B",
    ]);
    const sizes = OPT_MODELS.map((m) => m.params);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    expect(new Set(OPT_ZERO_SHOT.map((s) => s.id)).size).toBe(OPT_ZERO_SHOT.length);
    for (const s of OPT_ZERO_SHOT) {
      expect(s.values).toHaveLength(8);
      if (s.stderr) expect(s.stderr).toHaveLength(8);
      for (const v of s.values) expect(s.higherIsBetter ? v >= 0 && v <= 1 : v > 1).toBe(true);
    }
  });

  it("keeps LAMBADA's pair: accuracy rises while perplexity falls with size", () => {
    const acc = OPT_ZERO_SHOT.find((s) => s.id === "lambada_openai/acc");
    const ppl = OPT_ZERO_SHOT.find((s) => s.id === "lambada_openai/ppl");
    expect(acc?.values[0]).toBeCloseTo(0.379, 3);
    expect(ppl?.values[7]).toBeCloseTo(3.288, 3);
    expect(ppl?.kind).toBe("continuous");
  });
});

describe("emergence analysis", () => {
  it("turns perplexity into 1/perplexity with delta-method errors", () => {
    const ppl = OPT_ZERO_SHOT.find((s) => s.id === "lambada_openai/ppl");
    if (!ppl?.stderr) throw new Error("fixture missing");
    const scored = scoreSeries(OPT_MODELS, ppl);
    expect(scored.scoreName).toBe("1/perplexity");
    expect(scored.scores[0]).toBeCloseTo(1 / (ppl.values[0] as number), 12);
    expect(scored.sigma?.[0]).toBeCloseTo((ppl.stderr[0] as number) / (ppl.values[0] as number) ** 2, 12);
    expect(() => scoreSeries(OPT_MODELS.slice(1), ppl)).toThrow(RangeError);
  });

  it("fits every series to a verdict with a threshold interval", () => {
    const verdicts = OPT_ZERO_SHOT.slice(0, 3).map(
      (s) => analyseSeries(scoreSeries(OPT_MODELS, s), 20).verdict,
    );
    for (const v of verdicts) {
      expect(["emergent", "smooth", "inconclusive"]).toContain(v.verdict);
      expect(v.sigmoidWeight).toBeGreaterThanOrEqual(0);
      expect(v.sigmoidWeight).toBeLessThanOrEqual(1);
      expect(v.thresholdCi).toHaveLength(2);
    }
    // LAMBADA accuracy climbs steadily over three decades of size: no sharp jump.
    expect(verdicts[0]?.verdict).not.toBe("emergent");
  });
});
