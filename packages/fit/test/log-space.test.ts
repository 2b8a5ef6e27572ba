import { describe, expect, it } from "vitest";
import { chinchillaPoints } from "../src/datasets/index.js";
import { residualProblem } from "../src/engine/problem.js";
import { resolveSpace } from "../src/engine/space.js";
import {
  brokenPowerLaw,
  chinchillaLaw,
  chinchillaMle,
  FitError,
  fit,
  fitChinchilla,
  formula,
  type Model,
  powerLaw,
  sigmoidLog,
} from "../src/index.js";

const x = [1e6, 3e6, 1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10];
// A power law with ±3 % multiplicative scatter (fixed, so the test is deterministic).
const scatter = [0.02, -0.03, 0.01, 0.025, -0.015, 0.0, -0.02, 0.03, -0.01];
const y = x.map((n, i) => (1.7 + 400 * n ** -0.34) * Math.exp(scatter[i]!));

function numericJacobian(
  model: Model,
  theta: number[],
  xs: Float64Array[],
  space: "linear" | "log",
  offset = 0,
) {
  const n = xs[0]!.length;
  const cols = { x: xs, y: new Float64Array(n).fill(3), sigma: undefined, n };
  const free = theta.map((_, j) => j);
  const setup = { free, space: resolveSpace(space === "log" ? { name: "log", offset } : "linear") };
  const exact = new Float64Array(n * theta.length);
  residualProblem(model, cols, setup, Float64Array.from(theta)).jacobian(Float64Array.from(theta), exact);
  const fd = new Float64Array(n * theta.length);
  const rp = new Float64Array(n);
  const rm = new Float64Array(n);
  theta.forEach((t, j) => {
    const h = 1e-6 * Math.max(1, Math.abs(t));
    const qp = Float64Array.from(theta);
    const qm = Float64Array.from(theta);
    qp[j] = t + h;
    qm[j] = t - h;
    residualProblem(model, cols, setup, Float64Array.from(theta)).residuals(qp, rp);
    residualProblem(model, cols, setup, Float64Array.from(theta)).residuals(qm, rm);
    for (let i = 0; i < n; i++) fd[j * n + i] = (rp[i]! - rm[i]!) / (2 * h);
  });
  return { exact, fd };
}

describe("fits in log space", () => {
  it("the residual Jacobian of every family matches finite differences in log space", () => {
    const cases: [Model, number[], Float64Array[]][] = [
      [powerLaw(), [1.7, 400, 0.34], [Float64Array.from(x)]],
      [brokenPowerLaw(), [0.02, 2, 0.05, 1.2, 1e8, 0.3], [Float64Array.from(x)]],
      [sigmoidLog(), [0.1, 0.9, 8, 2], [Float64Array.from(x)]],
      [
        chinchillaLaw(),
        [1.8, 480, 0.35, 2000, 0.37],
        [Float64Array.from(x), Float64Array.from(x, (v) => 20 * v)],
      ],
      [
        formula("a + b * exp(-c * x)", { params: ["a", "b", "c"] }),
        [1, 2, 0.5],
        [Float64Array.from([0.5, 1, 2, 4])],
      ],
    ];
    for (const [model, theta, xs] of cases) {
      for (const offset of [0, 0.5]) {
        const { exact, fd } = numericJacobian(model, theta, xs, "log", offset);
        for (let i = 0; i < exact.length; i++) {
          expect(Math.abs(exact[i]! - fd[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd[i]!)));
        }
      }
    }
  });

  it("equals fitting log f(x) to log y in linear space: parameters, standard errors, bands", () => {
    const logModel = formula("log(E + A * x^(-alpha))", { params: ["E", "A", "alpha"] });
    const start = [1.5, 300, 0.3];
    const a = fit(powerLaw(), { x, y }, { space: "log", start });
    const b = fit(logModel, { x, y: y.map(Math.log) }, { start });
    for (const p of ["E", "A", "alpha"]) {
      expect(a.params[p]! / b.params[p]!).toBeCloseTo(1, 7);
      expect(a.stderr[p]! / b.stderr[p]!).toBeCloseTo(1, 5);
    }
    expect(a.rss).toBeCloseTo(b.rss, 12);
    expect(a.aicc).toBeCloseTo(b.aicc, 8);
    // Bands are built in log space and mapped back with exp: asymmetric around the curve.
    const xs = [1e5, 1e8, 1e11];
    const ca = a.confidenceBand(xs);
    const cb = b.confidenceBand(xs);
    const pa = a.predictionBand(xs);
    const pb = b.predictionBand(xs);
    for (let i = 0; i < xs.length; i++) {
      expect(ca.lower[i]).toBeCloseTo(Math.exp(cb.lower[i]!), 6);
      expect(ca.upper[i]).toBeCloseTo(Math.exp(cb.upper[i]!), 6);
      expect(pa.upper[i]).toBeCloseTo(Math.exp(pb.upper[i]!), 6);
      expect(ca.upper[i]! - ca.fit[i]!).toBeGreaterThan(ca.fit[i]! - ca.lower[i]!);
    }
    expect(a.residuals[0]).toBeCloseTo(b.residuals[0]!, 8);
  });

  it("an offset c fits log(y + c) − log(f + c), and σ is carried over by the delta method", () => {
    const c = 0.25;
    const sigma = y.map((v) => 0.02 * v);
    const logModel = formula("log(E + A * x^(-alpha) + 0.25)", { params: ["E", "A", "alpha"] });
    const a = fit(powerLaw(), { x, y, sigma }, { space: { name: "log", offset: c }, start: [1.5, 300, 0.3] });
    const b = fit(
      logModel,
      { x, y: y.map((v) => Math.log(v + c)), sigma: y.map((v) => (0.02 * v) / (v + c)) },
      { start: [1.5, 300, 0.3] },
    );
    for (const p of ["E", "A", "alpha"]) {
      expect(a.params[p]! / b.params[p]!).toBeCloseTo(1, 7);
      expect(a.stderr[p]! / b.stderr[p]!).toBeCloseTo(1, 5);
    }
    expect(a.space).toEqual({ name: "log", offset: c });
  });

  it("rejects data that cannot be logged, and bad space options, with typed errors", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(FitError);
        return (e as FitError).code;
      }
      return "no error";
    };
    expect(code(() => fit(powerLaw(), { x, y: [0, ...y.slice(1)] }, { space: "log" }))).toBe("NON_POSITIVE");
    expect(
      code(() => fit(powerLaw(), { x, y: [0, ...y.slice(1)] }, { space: { name: "log", offset: 0.1 } })),
    ).toBe("no error");
    expect(code(() => fit(powerLaw(), { x, y }, { space: "sqrt" as never }))).toBe("INVALID_OPTION");
    expect(code(() => fit(powerLaw(), { x, y }, { space: { name: "log", offset: Number.NaN } }))).toBe(
      "INVALID_OPTION",
    );
  });
});

describe("Chinchilla: both published parameter sets are reproducible", () => {
  const pts = chinchillaPoints();

  it("log-space Huber with Levenberg–Marquardt and default starts reaches the grid's optimum (A 477.8, B 2143)", () => {
    const r = fit(
      chinchillaLaw(),
      { x: { N: pts.N, D: pts.D }, y: pts.loss },
      { space: "log", loss: { name: "huber", scale: 1e-3 } },
    );
    // Epoch's notebook, 4500-start L-BFGS-B grid: A=477.84, B=2143.86, E=1.8172, α=0.34731, β=0.36718.
    expect(r.params.A).toBeCloseTo(477.8, 0);
    expect(r.params.B! / 2143.4).toBeCloseTo(1, 3);
    expect(r.params.E).toBeCloseTo(1.8172, 4);
    expect(r.params.alpha).toBeCloseTo(0.34731, 4);
    expect(r.params.beta).toBeCloseTo(0.36717, 4);
    // Same objective as fitChinchilla's: ½r² or δ(|r| − δ/2) summed over log residuals.
    expect(r.cost).toBeCloseTo(0.00101827401753579, 15);
  });

  it("Epoch's maximum-likelihood polish gives their published fit (A 482.01, B 2085.43), from Hoffmann's fit or from the grid", () => {
    const fromHoffmann = chinchillaMle(pts);
    const grid = fitChinchilla(pts, { starts: [[6.17, 7.67, 0.597, 0.347, 0.367]], polish: "mle" });
    // Epoch AI, data_analysis.ipynb: A 482.00572, B 2085.43420, E 1.81686, α 0.34781, β 0.36585, −log L −879.77314.
    for (const m of [fromHoffmann, grid.mle!]) {
      expect(m.params.A).toBeCloseTo(482.0057, 2);
      expect(m.params.B).toBeCloseTo(2085.434, 1);
      expect(m.params.E).toBeCloseTo(1.81686, 5);
      expect(m.params.alpha).toBeCloseTo(0.34781, 5);
      expect(m.params.beta).toBeCloseTo(0.36585, 5);
      expect(m.logLikelihood).toBeCloseTo(879.77314, 4);
      expect(m.converged).toBe(true);
    }
    expect(grid.params.A).toBeCloseTo(477.8, 0);
    expect(() => fitChinchilla(pts, { polish: "yes" as never })).toThrow(FitError);
  });
});
