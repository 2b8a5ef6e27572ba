import { describe, expect, it } from "vitest";
import { emergence, emergenceScore, mirage } from "../src/index.js";

const sizes = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11, 3e11, 1e12];

describe("emergence", () => {
  it("calls a sharp rise emergent, with a threshold interval around the midpoint", () => {
    const scores = [0.02, 0.03, 0.02, 0.04, 0.21, 0.55, 0.62, 0.64, 0.63];
    const e = emergence(sizes, scores, { seed: 1, replicates: 200 });
    expect(e.verdict).toBe("emergent");
    expect(e.threshold.value).toBeGreaterThan(5e9);
    expect(e.threshold.value).toBeLessThan(3e10);
    expect(e.threshold.ci[0]).toBeLessThan(e.threshold.value);
    expect(e.threshold.ci[1]).toBeGreaterThan(e.threshold.value);
    expect(e.models[0]!.weight).toBeGreaterThan(0.9);
    expect(e.models.reduce((s, m) => s + m.weight, 0)).toBeCloseTo(1, 12);
    expect(e.lrt.pValue).toBeLessThan(0.01);
    expect(e.emergenceScore).toBeGreaterThan(5);
    expect(e.criterion).toBe("aicc");
  });

  it("calls a steady log-linear trend smooth", () => {
    const wiggle = [0.004, -0.003, 0.002, -0.004, 0.001, 0.003, -0.002, 0.002, -0.001];
    const scores = sizes.map((n, i) => 0.1 + 0.05 * Math.log10(n / 1e8) + wiggle[i]!);
    const e = emergence(sizes, scores, { replicates: 0 });
    expect(e.verdict).toBe("smooth");
    expect(e.models[0]!.weight).toBeLessThan(0.25);
    expect(Number.isNaN(e.threshold.ci[0])).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const scores = [0.02, 0.03, 0.05, 0.04, 0.21, 0.45, 0.62, 0.6, 0.66];
    const a = emergence(sizes, scores, { seed: 4, replicates: 100 });
    const b = emergence(sizes, scores, { seed: 4, replicates: 100 });
    expect(a.threshold.ci).toEqual(b.threshold.ci);
  });
});

describe("BIG-bench emergence score", () => {
  it("is large for a single jump and small for linear growth", () => {
    expect(emergenceScore([1, 2, 3, 4, 5], [0, 0.01, 0, 0.01, 0.9])).toBeCloseTo(0.9 / 0.01, 8);
    expect(emergenceScore([1, 2, 3, 4, 5], [0, 0.1, 0.2, 0.3, 0.4])).toBeCloseTo(4, 8);
    expect(emergenceScore([1, 2, 3, 4, 5], [0.4, 0.3, 0.2, 0.1, 0])).toBeCloseTo(-4, 8);
    expect(emergenceScore([5, 4, 3, 2, 1], [0.4, 0.3, 0.2, 0.1, 0])).toBeCloseTo(4, 8);
    expect(emergenceScore([1, 2, 3], [0.5, 0.5, 0.5])).toBe(0);
  });
});

describe("mirage", () => {
  const s = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11, 3e11, 1e12];
  const p = s.map((n) => Math.exp(-2.5 * (n / 1e8) ** -0.4));
  it("explains an exact-match jump by smooth per-token improvement", () => {
    const observed = p.map((v) => v ** 8);
    const r = mirage({ sizes: s, perTokenProbability: p, observed, length: 8 });
    expect(r.explainedBySmooth).toBe(true);
    expect(r.perToken!.r2).toBeGreaterThan(0.999);
    expect(r.observedEmergenceScore).toBeGreaterThan(r.perToken!.emergenceScore);
  });
  it("does not explain a jump the per-token curve does not predict", () => {
    const observed = s.map((n) => (n >= 1e11 ? 0.8 : 0.01));
    const r = mirage({ sizes: s, perTokenProbability: p, observed, length: 2 });
    expect(r.explainedBySmooth).toBe(false);
  });
  it("classifies a continuous metric of the same outputs", () => {
    const observed = p.map((v) => v ** 8);
    const editDistance = s.map((n) => 0.1 + 0.07 * Math.log10(n / 1e8) + 0.002 * Math.cos(n));
    const smooth = mirage({ sizes: s, observed, continuous: editDistance });
    expect(smooth.continuous!.verdict).toBe("smooth");
    expect(smooth.explainedBySmooth).toBe(true);
    const jumpy = mirage({ sizes: s, observed, continuous: observed });
    expect(jumpy.explainedBySmooth).toBe(false);
  });
});
