import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultEmergenceRule,
  type EmergenceResult,
  emergence,
  emergenceScore,
  FitError,
  mirage,
} from "../src/index.js";

const s8 = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11, 3e11];
const s9 = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11, 3e11, 1e12];

/** A fixed, seed-free wiggle of ±1.5 binomial sd so tests do not depend on a random stream. */
const jitter = (p: readonly number[], trials: number) =>
  p.map((v, i) =>
    Math.min(1, Math.max(0, v + 1.5 * Math.sqrt((v * (1 - v)) / trials) * Math.sin(1.7 * i + 0.3))),
  );

const sigmoid = (lx: number, floor: number, ceiling: number, mid: number, width: number) =>
  floor + (ceiling - floor) / (1 + Math.exp((-Math.log(81) / width) * (lx - mid)));

function expectThresholdInsideItsInterval(e: EmergenceResult) {
  if (e.threshold?.ci) {
    expect(e.threshold.ci[0]).toBeLessThanOrEqual(e.threshold.value);
    expect(e.threshold.ci[1]).toBeGreaterThanOrEqual(e.threshold.value);
  }
}

describe("emergence: verdicts", () => {
  it("calls a sharp rise emergent, with a threshold inside its profile interval", () => {
    const e = emergence(s8, [0.02, 0.03, 0.02, 0.04, 0.09, 0.55, 0.62, 0.64], { trials: 1000 });
    expect(e.verdict).toBe("emergent");
    expect(e.reason).toMatch(/within .* decades .* above the trend of the \d smaller sizes/);
    expect(e.threshold).not.toBeNull();
    expect(e.threshold!.identified).toBe(true);
    expect(e.threshold!.value).toBeGreaterThan(5e9);
    expect(e.threshold!.value).toBeLessThan(3e10);
    expectThresholdInsideItsInterval(e);
    expect(e.riseWidth!.decades).toBeLessThan(defaultEmergenceRule.maxRiseDecades);
    expect(e.predictability!.maxZ).toBeGreaterThan(defaultEmergenceRule.minSurprise);
    expect(e.models.map((m) => m.name).sort()).toEqual([
      "constant",
      "linear-log",
      "quadratic-log",
      "sigmoid",
    ]);
    expect(e.models.reduce((s, m) => s + m.weight, 0)).toBeCloseTo(1, 12);
    expect(e.noise).toBe("binomial");
    expect(e.direction).toBe("higher-is-better");
    expect(e.bounds).toEqual([0, 1]);
  });

  it("an exactly flat series is flat, with no threshold (was: smooth with a threshold 'inside range')", () => {
    const e = emergence(
      s8,
      s8.map(() => 0.25),
    );
    expect(e.verdict).toBe("flat");
    expect(e.threshold).toBeNull();
    expect(e.reason).toContain("0.25");
  });

  it("binomial noise around chance is flat", () => {
    const e = emergence(
      s8,
      jitter(
        s8.map(() => 0.25),
        1000,
      ),
      { trials: 1000, chance: 0.25 },
    );
    expect(e.verdict).toBe("flat");
    expect(e.threshold).toBeNull();
  });

  it("Wei-style jump at the last size: the threshold lies inside its own interval, which is not zero-width", () => {
    const y = [0, 0, 0, 0, 0, 0, 0.05, 0.6];
    for (const options of [{}, { trials: 1000 }]) {
      const e = emergence(s8, y, options);
      expect(e.verdict).toBe("emergent");
      expect(e.threshold).not.toBeNull();
      expectThresholdInsideItsInterval(e);
      if (e.threshold!.ci) expect(e.threshold!.ci[1] / e.threshold!.ci[0]).toBeGreaterThan(1.01);
      else expect(e.threshold!.identified).toBe(false);
    }
  });

  it("a jump at only the last size: the interval covers the gap between the last two sizes (not zero-width)", () => {
    const e = emergence(s8, [0, 0, 0, 0, 0, 0, 0, 0.6], { trials: 1000 });
    expect(e.verdict).toBe("emergent");
    expectThresholdInsideItsInterval(e);
    // No size lies inside the rise: the threshold is anywhere in the gap, and the interval says so.
    expect(e.threshold!.ci![0]).toBeLessThanOrEqual(1e11 * (1 + 1e-9));
    expect(e.threshold!.ci![1]).toBeGreaterThanOrEqual(3e11 * (1 - 1e-9));
    expect(e.threshold!.identified).toBe(true);
  });

  it("a jump between two adjacent sizes mid-range: the interval covers the whole gap between them", () => {
    // As GPT-Neo/J 3-digit addition: nothing between 2.7B and 6.05B, the interval must not be narrower.
    const sizes = [1.25e8, 3.5e8, 1.3e9, 2.7e9, 6.05e9, 1.3e10, 2e10];
    const e = emergence(sizes, jitter([0.0, 0.01, 0.0, 0.01, 0.55, 0.6, 0.62], 1000), { trials: 1000 });
    expect(e.verdict).toBe("emergent");
    expect(e.threshold!.ci![0]).toBeLessThanOrEqual(2.7e9 * (1 + 1e-9));
    expect(e.threshold!.ci![1]).toBeGreaterThanOrEqual(6.05e9 * (1 - 1e-9));
    expectThresholdInsideItsInterval(e);
  });

  it("a significant but tiny rise (0 → 0.007) is flat, not emergent: not substantially above chance", () => {
    const e = emergence(s8, [0, 0, 0, 0, 0, 0, 0.003, 0.007], { trials: 1000 });
    expect(e.verdict).toBe("flat");
    expect(e.reason).toMatch(/not substantially above chance/);
    expect(e.threshold).toBeNull();
    // The same rule with no practical minimum would call it emergent: the minimum is what decides.
    expect(
      emergence(s8, [0, 0, 0, 0, 0, 0, 0.003, 0.007], { trials: 1000, rule: { minChange: 1e-9 } }).verdict,
    ).toBe("emergent");
  });

  it("accepts two models of the same size (kept as two observations)", () => {
    const sizes = [...s8, 3e10];
    const y = [0.02, 0.03, 0.02, 0.04, 0.09, 0.55, 0.62, 0.64, 0.57];
    const e = emergence(sizes, y, { trials: 1000 });
    expect(e.verdict).toBe("emergent");
    const same = emergence(
      s8.map(() => 1e9),
      s8.map((_, i) => 0.1 * i),
    );
    expect(same.verdict).toBe("insufficient-data");
    expect(same.reason).toMatch(/1 distinct size/);
  });

  it("Pythia, 5 sizes rising over four orders of magnitude: the sigmoid stays inside [0, 1] and no far-away threshold", () => {
    const sizes = [7.0e7, 1.6e8, 4.1e8, 1.0e9, 1.4e9];
    const e = emergence(sizes, [1.4e-5, 3e-4, 5e-3, 0.06, 0.43]);
    const sig = e.models.find((m) => m.name === "sigmoid")!.fit.params;
    expect(sig.ceiling).toBeLessThanOrEqual(1);
    expect(sig.floor).toBeGreaterThanOrEqual(0);
    if (e.threshold) {
      expectThresholdInsideItsInterval(e);
      // Whatever it is, a threshold beyond the data must not be reported as identified.
      if (e.threshold.value > 1.4e9 || e.threshold.value < 7e7) expect(e.threshold.identified).toBe(false);
      expect(e.threshold.value).toBeLessThan(1e11);
    }
  });

  it("a clipped straight ramp over 4 decades is smooth, not emergent", () => {
    const p = s9.map((n) => Math.min(1, Math.max(0, (Math.log10(n) - 8) / 4)));
    for (const options of [{ trials: 1000 }, {}]) {
      const e = emergence(s9, options.trials ? jitter(p, 1000) : p, options);
      expect(e.verdict).toBe("smooth");
      expect(e.threshold).toBeNull();
      expect(e.riseWidth!.decades).toBeGreaterThan(2);
    }
  });

  it("a saturating bounded metric (power law towards 1) is not emergent", () => {
    const p = s9.map((n) => 1 - 0.9 * (n / 1e8) ** -0.3);
    const e = emergence(s9, jitter(p, 1000), { trials: 1000 });
    expect(e.verdict).toBe("smooth");
  });

  it("does not flip with the number of points the way AICc does (per-digit accuracy of the mirage study)", () => {
    // examples/mirage full run before this change: 15 widths, 25 000 digits per width. AICc alone called
    // it emergent at 15 points and smooth at 7.
    const rows: [number, number][] = [
      [186, 0.04348],
      [279, 0.09752],
      [372, 0.12036],
      [558, 0.17912],
      [744, 0.29108],
      [1116, 0.51764],
      [1488, 0.48976],
      [2232, 0.61132],
      [2976, 0.68348],
      [4464, 0.8394],
      [5952, 0.89884],
      [8928, 0.98472],
      [11904, 0.9918],
      [17856, 1],
      [23808, 1],
    ];
    const verdict = (keep: (i: number) => boolean) => {
      const r = rows.filter((_, i) => keep(i));
      return emergence(
        r.map((v) => v[0]),
        r.map((v) => v[1]),
        { trials: 25000, chance: 1 / 31 },
      ).verdict;
    };
    const all = verdict(() => true);
    expect(all).toBe("smooth");
    expect(verdict((i) => i % 2 === 0)).toBe(all);
    expect(verdict((i) => i < 14 && i % 2 === 1)).toBe(all);
  });

  it("the same sharp curve is emergent at 7 and at 15 sizes", () => {
    for (const count of [7, 15]) {
      const sizes = Array.from({ length: count }, (_, i) => 10 ** (8 + (4 * i) / (count - 1)));
      const p = sizes.map((n) => sigmoid(Math.log10(n), 0, 0.8, 10.3, 0.3));
      expect(emergence(sizes, jitter(p, 1000), { trials: 1000 }).verdict).toBe("emergent");
    }
  });

  it("worse with scale is inverse; worse then better is u-shaped; better then worse too (inverted U)", () => {
    const inv = s9.map((n) => 0.8 - 0.08 * (Math.log10(n) - 8));
    const e1 = emergence(s9, jitter(inv, 1000), { trials: 1000 });
    expect(e1.verdict).toBe("inverse");
    expect(e1.reason).toMatch(/worse with scale/);
    const v = (n: number) => Math.abs(Math.log10(n) - 10);
    const e2 = emergence(
      s9,
      jitter(
        s9.map((n) => 0.25 + 0.12 * v(n)),
        1000,
      ),
      { trials: 1000 },
    );
    expect(e2.verdict).toBe("u-shaped");
    expect(e2.reason).toMatch(/gets worse .* recovers/);
    const e3 = emergence(
      s9,
      jitter(
        s9.map((n) => 0.7 - 0.12 * v(n)),
        1000,
      ),
      { trials: 1000 },
    );
    expect(e3.verdict).toBe("u-shaped");
    expect(e3.reason).toMatch(/improves .* falls back/);
    for (const e of [e1, e2, e3]) expect(e.threshold).toBeNull();
  });

  it("fewer than 5 sizes, or a sharp rise before the second size, is insufficient data", () => {
    const e = emergence([1, 2, 3], [0, 0, 1]);
    expect(e.verdict).toBe("insufficient-data");
    expect(e.reason).toMatch(/at least 5/);
    const early = emergence(s8, jitter([0, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7], 1000), { trials: 1000 });
    expect(early.verdict).toBe("insufficient-data");
  });

  it("lower-is-better metrics: an error rate that drops sharply is emergent, and is inverse read the wrong way", () => {
    const err = s8.map((n) => 1 - sigmoid(Math.log10(n), 0, 0.9, 10.2, 0.3));
    const e = emergence(s8, jitter(err, 1000), { trials: 1000, direction: "lower-is-better" });
    expect(e.verdict).toBe("emergent");
    expect(e.direction).toBe("lower-is-better");
    expect(emergence(s8, jitter(err, 1000), { trials: 1000 }).verdict).toBe("inverse");
  });

  it("keeps the sigmoid's small-size end at or above the given chance level and inside given bounds", () => {
    const y = [0.2, 0.22, 0.19, 0.24, 0.3, 0.85, 0.9, 0.9];
    const e = emergence(s8, y, { trials: 500, chance: 0.25 });
    const p = e.models.find((m) => m.name === "sigmoid")!.fit.params;
    expect(p.floor).toBeGreaterThanOrEqual(0.25);
    const scaled = emergence(
      s8,
      y.map((v) => 100 * v),
      { bounds: [0, 100] },
    );
    const q = scaled.models.find((m) => m.name === "sigmoid")!.fit.params;
    expect(q.ceiling).toBeLessThanOrEqual(100);
    expect(scaled.verdict).toBe("emergent");
  });

  it("does not depend on the order of the points and is deterministic", () => {
    const y = [0.02, 0.03, 0.02, 0.04, 0.09, 0.55, 0.62, 0.64];
    const a = emergence(s8, y, { trials: 1000 });
    const order = [3, 7, 0, 5, 1, 6, 2, 4];
    const b = emergence(
      order.map((i) => s8[i]!),
      order.map((i) => y[i]!),
      { trials: 1000 },
    );
    expect(b.verdict).toBe(a.verdict);
    expect(b.threshold).toEqual(a.threshold);
  });

  it("the rule's constants decide: a stricter width turns the same curve smooth", () => {
    const y = [0.02, 0.03, 0.02, 0.04, 0.09, 0.55, 0.62, 0.64];
    const e = emergence(s8, y, { trials: 1000, rule: { maxRiseDecades: 0.2 } });
    expect(e.verdict).toBe("smooth");
    expect(e.threshold).toBeNull();
  });

  it("scatter beyond the question count widens the noise instead of making every wiggle significant", () => {
    const p = s9.map((n) => 0.2 + 0.15 * (Math.log10(n) - 8));
    const wiggly = p.map((v, i) => v + 0.04 * Math.sin(2.1 * i));
    const e = emergence(s9, wiggly, { trials: 10000 });
    expect(e.noiseScale).toBeGreaterThan(3);
    expect(e.verdict).toBe("smooth");
  });

  it("takes well under a second per series", () => {
    const y = [0, 0, 0, 0, 0, 0, 0.05, 0.6];
    const t0 = performance.now();
    emergence(s8, y, { trials: 1000 });
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe("emergence: bad input is a typed error before any fitting", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof FitError) return e.code;
      throw e;
    }
    return "none";
  };
  const y = [0.1, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.8];
  it.each([
    ["length mismatch", () => emergence(s8, y.slice(1)), "LENGTH_MISMATCH"],
    ["non-finite score", () => emergence(s8, [...y.slice(1), Number.NaN]), "INVALID_DATA"],
    ["non-positive size", () => emergence([0, ...s8.slice(1)], y), "INVALID_DATA"],
    ["score outside bounds", () => emergence(s8, y, { bounds: [0, 0.5] }), "INVALID_DATA"],
    ["bad bounds", () => emergence(s8, y, { bounds: [1, 0] }), "INVALID_OPTION"],
    ["chance outside bounds", () => emergence(s8, y, { chance: 2 }), "INVALID_OPTION"],
    ["bad trials", () => emergence(s8, y, { trials: 0 }), "INVALID_OPTION"],
    ["trials of wrong length", () => emergence(s8, y, { trials: [10, 10] }), "LENGTH_MISMATCH"],
    ["trials and sigma", () => emergence(s8, y, { trials: 10, sigma: y }), "INVALID_OPTION"],
    [
      "trials on an unbounded metric",
      () =>
        emergence(
          s8,
          y.map((v) => v * 10),
          { trials: 10 },
        ),
      "INVALID_OPTION",
    ],
    ["bad sigma", () => emergence(s8, y, { sigma: y.map(() => -1) }), "INVALID_OPTION"],
    ["bad direction", () => emergence(s8, y, { direction: "up" as never }), "INVALID_OPTION"],
    ["bad level", () => emergence(s8, y, { level: 1 }), "INVALID_OPTION"],
    ["bad rule", () => emergence(s8, y, { rule: { minSurprise: -1 } }), "INVALID_OPTION"],
  ])("%s", (_name, f, expected) => {
    expect(code(f)).toBe(expected);
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
    const step = s.map((n, i) => (n >= 1e11 ? 0.8 : 0.01) + 0.002 * Math.sin(i));
    const jumpy = mirage({ sizes: s, observed, continuous: step });
    expect(jumpy.explainedBySmooth).toBe(false);
  });
});

describe("mirage with the rebuilt emergence()", () => {
  const s = [1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11, 3e11, 1e12];
  it("reports the observed metric's own verdict and reads a lower-is-better continuous metric the right way", () => {
    const perToken = s.map((n) => Math.min(0.999, 0.2 + 0.2 * (Math.log10(n) - 8)));
    const exact = perToken.map((v) => v ** 6);
    const editDistance = perToken.map((v) => 1 - v);
    const r = mirage({
      sizes: s,
      observed: exact,
      continuous: editDistance,
      continuousOptions: { direction: "lower-is-better" },
    });
    expect(r.observed?.verdict).toBeDefined();
    expect(r.continuous!.verdict).toBe("smooth");
    expect(r.continuous!.direction).toBe("lower-is-better");
    expect(r.explainedBySmooth).toBe(true);
    // Read as higher-is-better, the falling edit distance is "inverse", not an explanation.
    expect(mirage({ sizes: s, observed: exact, continuous: editDistance }).explainedBySmooth).toBe(false);
  });
  it("rejects a bad emergence option with a typed error", () => {
    expect(() =>
      mirage({
        sizes: s,
        observed: s.map(() => 0.5),
        continuous: s.map(() => 0.5),
        continuousOptions: { level: 2 },
      }),
    ).toThrow(FitError);
  });
});

describe("emergence: intervals", () => {
  it("profiles the rise width: a step between two sizes has an interval from the model's narrowest limit up", () => {
    const e = emergence(s8, [0, 0, 0, 0, 0, 0, 0.05, 0.6], { trials: 1000 });
    const w = e.riseWidth!;
    expect(w.ci).not.toBeNull();
    expect(w.ci![0]).toBeLessThanOrEqual(w.decades);
    expect(w.ci![1]).toBeGreaterThanOrEqual(w.decades);
    expect(w.ci![1]).toBeLessThan(1);
    expect(Number.isFinite(w.ci![1])).toBe(true);
  });
  it("replicates: 0 skips the intervals but not the verdict", () => {
    const y = [0.02, 0.03, 0.02, 0.04, 0.09, 0.55, 0.62, 0.64];
    const e = emergence(s8, y, { trials: 1000, replicates: 0 });
    expect(e.verdict).toBe("emergent");
    expect(e.threshold!.ci).toBeNull();
    expect(e.threshold!.identified).toBe(false);
    expect(e.riseWidth!.ci).toBeNull();
  });
});

describe("emergence: properties", () => {
  it("every reported interval contains its estimate; a threshold only with an emergent verdict", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 9, max: 11, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.integer({ min: 5, max: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        (mid, width, ceiling, count, phase) => {
          const sizes = Array.from({ length: count }, (_, i) => 10 ** (8 + (4 * i) / (count - 1)));
          const p = sizes.map((n) => sigmoid(Math.log10(n), 0.02, ceiling, mid, width));
          const y = p.map((v, i) =>
            Math.min(1, Math.max(0, v + 1.5 * Math.sqrt((v * (1 - v)) / 500) * Math.sin(phase + 1.7 * i))),
          );
          const e = emergence(sizes, y, { trials: 500 });
          if (e.verdict !== "emergent") expect(e.threshold).toBeNull();
          expectThresholdInsideItsInterval(e);
          if (e.threshold?.identified) {
            expect(e.threshold.ci![0]).toBeGreaterThanOrEqual(sizes[0]! * (1 - 1e-9));
            expect(e.threshold.ci![1]).toBeLessThanOrEqual(sizes[count - 1]! * (1 + 1e-9));
          }
          if (e.riseWidth?.ci) {
            expect(e.riseWidth.ci[0]).toBeLessThanOrEqual(e.riseWidth.decades * (1 + 1e-9));
            expect(e.riseWidth.ci[1]).toBeGreaterThanOrEqual(e.riseWidth.decades * (1 - 1e-9));
          }
        },
      ),
      { numRuns: 12, seed: 12 },
    );
  });
});
