import { describe, expect, it } from "vitest";
import { bootstrap, fit, powerLaw, profileLikelihood } from "../src/index.js";

const x = [1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9, 2e9, 5e9];
const noise = [0.004, -0.003, 0.001, -0.005, 0.002, 0.003, -0.002, 0.001, -0.004, 0.002, 0.003, -0.001];
const y = x.map((n, i) => 1.7 + 400 * n ** -0.34 + noise[i]!);

describe("bootstrap", () => {
  it("is deterministic for a seed and brackets the estimate (case and residual)", () => {
    for (const method of ["case", "residual"] as const) {
      const a = bootstrap(powerLaw(), { x, y }, { replicates: 150, seed: 7, method });
      const b = bootstrap(powerLaw(), { x, y }, { replicates: 150, seed: 7, method });
      expect(a.samples.alpha).toEqual(b.samples.alpha);
      const [lo, hi] = a.ci.alpha!;
      expect(lo).toBeLessThan(a.estimate.params.alpha!);
      expect(hi).toBeGreaterThan(a.estimate.params.alpha!);
      expect(a.samples.alpha!.length + a.failures).toBe(150);
      // Bootstrap and asymptotic standard errors agree to within a factor of two on well-posed data.
      const ratio = a.stderr.alpha! / a.estimate.stderr.alpha!;
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    }
    const c = bootstrap(powerLaw(), { x, y }, { replicates: 50, seed: 8 });
    expect(c.samples.alpha).not.toEqual(
      bootstrap(powerLaw(), { x, y }, { replicates: 50, seed: 7 }).samples.alpha,
    );
  });
});

describe("profile likelihood", () => {
  it("gives an interval close to ±t·SE for a nearly linear parameter and contains the estimate", () => {
    const r = fit(powerLaw(), { x, y });
    const p = profileLikelihood(powerLaw(), { x, y }, "E");
    expect(p.ci[0]).toBeLessThan(r.params.E!);
    expect(p.ci[1]).toBeGreaterThan(r.params.E!);
    const half = (p.ci[1] - p.ci[0]) / 2;
    expect(half / (1.96 * r.stderr.E!)).toBeGreaterThan(0.7);
    expect(half / (1.96 * r.stderr.E!)).toBeLessThan(1.4);
    expect(p.values.length).toBe(21);
    const atEstimate = Math.min(...p.statistic);
    expect(atEstimate).toBeLessThan(1);
  });
  it("is asymmetric where the model is curved", () => {
    const p = profileLikelihood(powerLaw(), { x, y }, "A", { level: 0.99 });
    const left = p.estimate - p.ci[0];
    const right = p.ci[1] - p.estimate;
    expect(Math.abs(left - right) / (left + right)).toBeGreaterThan(0.01);
  });
});
