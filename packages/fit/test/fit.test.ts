import { describe, expect, it } from "vitest";
import { fit, formula, powerLaw, sigmoidLog } from "../src/index.js";

const x = [1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9];
const noise = [0.004, -0.003, 0.001, -0.005, 0.002, 0.003, -0.002, 0.001, -0.004, 0.002];
const y = x.map((n, i) => 1.7 + 400 * n ** -0.34 + noise[i]!);

describe("fit results", () => {
  it("reports consistent statistics", () => {
    const r = fit(powerLaw(), { x, y });
    const n = x.length;
    expect(r.dof).toBe(n - 3);
    expect(r.rss).toBeCloseTo(
      r.residuals.reduce((s, v) => s + v * v, 0),
      14,
    );
    expect(r.reducedChiSquare).toBeCloseTo(r.rss / r.dof, 14);
    const ll = -0.5 * n * (Math.log((2 * Math.PI * r.rss) / n) + 1);
    expect(r.logLikelihood).toBeCloseTo(ll, 10);
    expect(r.aic).toBeCloseTo(2 * 4 - 2 * ll, 10);
    expect(r.aicc).toBeCloseTo(r.aic + (2 * 4 * 5) / (n - 5), 10);
    expect(r.bic).toBeCloseTo(4 * Math.log(n) - 2 * ll, 10);
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.evaluations).toBeGreaterThan(r.iterations);
    expect(r.rank).toBe(3);
    for (let a = 0; a < 3; a++) {
      expect(r.correlation[a]![a]).toBe(1);
      expect(r.covariance[a]![a]).toBeCloseTo(r.stderr[r.paramNames[a]!]! ** 2, 14);
    }
    // E, A and alpha of a power law are strongly correlated over three decades: flagged.
    expect(r.highCorrelations.length).toBeGreaterThan(0);
    expect(r.highCorrelations.every((c) => Math.abs(c.rho) > 0.95)).toBe(true);
  });

  it("gives delta-method confidence and wider prediction bands", () => {
    const r = fit(powerLaw(), { x, y });
    const grid = [1e6, 1e8, 1e10];
    const c95 = r.confidenceBand(grid);
    const c68 = r.confidenceBand(grid, 0.68);
    const p95 = r.predictionBand(grid);
    expect(c95.fit).toEqual(r.predict(grid));
    for (let i = 0; i < grid.length; i++) {
      expect(c95.lower[i]!).toBeLessThan(c95.fit[i]!);
      expect(c68.upper[i]! - c68.lower[i]!).toBeLessThan(c95.upper[i]! - c95.lower[i]!);
      expect(p95.upper[i]! - p95.lower[i]!).toBeGreaterThan(c95.upper[i]! - c95.lower[i]!);
    }
    // Extrapolating two decades out is less certain than interpolating.
    expect(c95.upper[2]! - c95.lower[2]!).toBeGreaterThan(c95.upper[1]! - c95.lower[1]!);
    expect(r.predict(1e7)).toBeCloseTo(r.predict([1e7])[0]!, 15);
  });

  it("treats sigma as relative weights unless absoluteSigma", () => {
    const sigma = x.map((_, i) => 0.002 + 0.001 * (i % 3));
    const a = fit(powerLaw(), { x, y, sigma });
    const b = fit(powerLaw(), { x, y, sigma: sigma.map((s) => 10 * s) });
    expect(b.params.alpha).toBeCloseTo(a.params.alpha!, 10);
    expect(b.stderr.alpha! / a.stderr.alpha!).toBeCloseTo(1, 8);
    const abs = fit(powerLaw(), { x, y, sigma }, { absoluteSigma: true });
    expect(abs.stderr.alpha! / a.stderr.alpha!).toBeCloseTo(1 / Math.sqrt(a.reducedChiSquare), 6);
    // Down-weighting a point moves the fit toward the others.
    const w = fit(powerLaw(), {
      x,
      y: y.map((v, i) => (i === 0 ? v + 0.2 : v)),
      sigma: x.map((_, i) => (i === 0 ? 1e3 : 1)),
    });
    expect(w.params.alpha).toBeCloseTo(a.params.alpha!, 2);
  });

  it("respects bounds without being attracted to them", () => {
    const free = fit(powerLaw(), { x, y });
    const loose = fit(powerLaw(), { x, y }, { lower: { E: 0 }, upper: { E: 3 } });
    expect(loose.params.E).toBeCloseTo(free.params.E!, 9);
    expect(loose.params.alpha).toBeCloseTo(free.params.alpha!, 9);
    // A start right on the bound still leaves it when the optimum is interior.
    const fromBound = fit(powerLaw(), { x, y }, { lower: { E: 1.5 }, start: [1.5, 300, 0.3] });
    expect(fromBound.params.E).toBeCloseTo(free.params.E!, 7);
    const active = fit(powerLaw(), { x, y }, { upper: { E: 1.6 } });
    expect(active.params.E).toBe(1.6);
    expect(active.converged).toBe(true);
    expect(active.rss).toBeGreaterThan(free.rss);
  });

  it("holds fixed parameters", () => {
    const r = fit(powerLaw(), { x, y }, { fixed: { E: 1.7 } });
    expect(r.params.E).toBe(1.7);
    expect(r.stderr.E).toBe(0);
    expect(r.dof).toBe(x.length - 2);
    expect(r.params.alpha).toBeCloseTo(0.34, 2);
  });

  it("robust losses resist an outlier; a large scale reduces them to least squares", () => {
    const yo = y.map((v, i) => (i === 4 ? v + 0.5 : v));
    const ls = fit(powerLaw(), { x, y: yo });
    for (const name of ["huber", "soft-l1", "cauchy", "arctan"] as const) {
      const r = fit(powerLaw(), { x, y: yo }, { loss: { name, scale: 0.01 } });
      expect(Math.abs(r.params.alpha! - 0.34), name).toBeLessThan(Math.abs(ls.params.alpha! - 0.34) / 3);
      expect(r.converged).toBe(true);
    }
    const wide = fit(powerLaw(), { x, y }, { loss: { name: "huber", scale: 100 } });
    const plain = fit(powerLaw(), { x, y });
    expect(wide.params.alpha).toBeCloseTo(plain.params.alpha!, 9);
  });

  it("huber with scale δ matches the directly minimised Huber objective", () => {
    // Compare with a brute-force check: the gradient of Σ huber_δ(r_i) vanishes at the solution.
    const yo = y.map((v, i) => (i === 4 ? v + 0.5 : v));
    const delta = 0.003;
    const m = powerLaw();
    const r = fit(m, { x, y: yo }, { loss: { name: "huber", scale: delta } });
    const theta = r.paramNames.map((p) => r.params[p]!);
    const jac = new Float64Array(x.length * 3);
    m.jacobian(theta, [Float64Array.from(x)], x.length, jac);
    for (let j = 0; j < 3; j++) {
      let g = 0;
      let scale = 0;
      for (let i = 0; i < x.length; i++) {
        const res = r.residuals[i]!;
        const psi = Math.abs(res) <= delta ? res : delta * Math.sign(res);
        g += psi * jac[j * x.length + i]!;
        scale += Math.abs(delta * jac[j * x.length + i]!);
      }
      expect(Math.abs(g) / scale).toBeLessThan(1e-8);
    }
  });

  it("multi-start: user grids and Latin hypercube, reporting agreement", () => {
    const m = formula("a * exp(-b * x) + c", { params: ["a", "b", "c"] });
    const xs = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8];
    const ys = xs.map((v) => 2 * Math.exp(-0.7 * v) + 0.3);
    const r = fit(
      m,
      { x: xs, y: ys },
      {
        latinHypercube: {
          count: 12,
          ranges: { a: [0.1, 5], b: [0.01, 3], c: [-1, 1] },
          logScale: ["b"],
          seed: 3,
        },
      },
    );
    expect(r.starts.tried).toBe(12);
    expect(r.starts.agreed).toBeGreaterThan(6);
    expect(r.params.b).toBeCloseTo(0.7, 9);
    const g = fit(m, { x: xs, y: ys }, { starts: [[1, 0.1, 0], { a: 3, b: 2, c: 0.5 }] });
    expect(g.starts.tried).toBe(2);
    expect(g.params.c).toBeCloseTo(0.3, 9);
  });

  it("reports the stop reason and honours the evaluation budget", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8];
    const r = fit(
      sigmoidLog(),
      { x: xs.map((v) => 10 ** v), y: [0, 0, 0.1, 0.4, 0.7, 0.9, 1, 1] },
      { maxEvaluations: 3 },
    );
    expect(r.reason).toBe("max-evaluations");
    expect(r.converged).toBe(false);
  });

  it("survives a rank-deficient model and reports the rank", () => {
    const m = formula("(a + b) * x + c", { params: ["a", "b", "c"] });
    const xs = [1, 2, 3, 4, 5];
    const r = fit(m, { x: xs, y: xs.map((v) => 3 * v + 1) }, { start: [1, 1, 0] });
    expect(r.params.a! + r.params.b!).toBeCloseTo(3, 10);
    expect(r.rank).toBe(2);
    expect(r.rss).toBeLessThan(1e-20);
  });
});
