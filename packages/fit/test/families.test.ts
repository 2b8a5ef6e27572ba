import { describe, expect, it } from "vitest";
import {
  brokenPowerLaw,
  chinchillaLaw,
  fit,
  logLinear,
  type Model,
  powerLaw,
  sigmoidLog,
  uShaped,
} from "../src/index.js";

function checkJacobian(model: Model, theta: number[], xs: number[][]) {
  const x = xs.map((c) => Float64Array.from(c));
  const n = xs[0]!.length;
  const p = theta.length;
  const jac = new Float64Array(n * p);
  model.jacobian(theta, x, n, jac);
  const fp = new Float64Array(n);
  const fm = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const h = 1e-6 * Math.max(1, Math.abs(theta[j]!));
    const tp = theta.slice();
    const tm = theta.slice();
    tp[j]! += h;
    tm[j]! -= h;
    model.evaluate(tp, x, n, fp);
    model.evaluate(tm, x, n, fm);
    for (let i = 0; i < n; i++) {
      const fd = (fp[i]! - fm[i]!) / (2 * h);
      expect(
        Math.abs(jac[j * n + i]! - fd) / Math.max(1, Math.abs(fd)),
        `${model.name} ∂/∂${model.params[j]}`,
      ).toBeLessThan(1e-6);
    }
  }
}

const sizes = Array.from({ length: 12 }, (_, i) => 10 ** (6 + i * 0.5));

describe("families", () => {
  it("power law: exact Jacobian and recovery from default starts", () => {
    checkJacobian(powerLaw(), [1.7, 400, 0.34], [sizes]);
    checkJacobian(powerLaw({ reference: 1e9 }), [1.7, 0.4, 0.34], [sizes]);
    const y = sizes.map((n) => 1.69 + 406.4 * n ** -0.34);
    const r = fit(powerLaw(), { x: sizes, y });
    expect(r.params.E).toBeCloseTo(1.69, 8);
    expect(r.params.A! / 406.4).toBeCloseTo(1, 7);
    expect(r.params.alpha).toBeCloseTo(0.34, 9);
  });

  it("chinchilla law (linear space): exact Jacobian and recovery", () => {
    const N = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10, 1e7, 1e8, 1e9, 1e10, 3e8];
    const D = [1e9, 3e10, 1e9, 1e11, 3e10, 1e10, 2e11, 1e11, 3e11, 3e9, 1e10, 3e9];
    checkJacobian(chinchillaLaw(), [1.69, 406.4, 0.34, 410.7, 0.28], [N, D]);
    const y = N.map((n, i) => 1.69 + 406.4 / n ** 0.34 + 410.7 / D[i]! ** 0.28);
    const r = fit(chinchillaLaw(), { x: { N, D }, y });
    expect(r.params.E).toBeCloseTo(1.69, 6);
    expect(r.params.alpha).toBeCloseTo(0.34, 6);
    expect(r.params.beta).toBeCloseTo(0.28, 6);
  });

  it("broken power law: exact Jacobian with 1 and 2 breaks, recovery of the break", () => {
    checkJacobian(brokenPowerLaw(), [0.5, 100, 0.2, 0.4, 1e8, 0.3], [sizes]);
    checkJacobian(brokenPowerLaw({ breaks: 2 }), [0.5, 100, 0.2, 0.4, 1e8, 0.3, -0.2, 1e10, 0.5], [sizes]);
    const x = Array.from({ length: 30 }, (_, i) => 10 ** (6 + i * 0.15));
    const m = brokenPowerLaw();
    const y = new Float64Array(30);
    m.evaluate([0.5, 100, 0.2, 0.4, 1e8, 0.3], [Float64Array.from(x)], 30, y);
    const r = fit(m, { x, y: Array.from(y) });
    expect(r.params.d1! / 1e8).toBeCloseTo(1, 5);
    expect(r.params.c1).toBeCloseTo(0.4, 6);
  });

  it("sigmoid in log size: exact Jacobian and recovery of the midpoint", () => {
    checkJacobian(sigmoidLog(), [0.05, 0.8, 10, 2], [sizes]);
    const y = sizes.map((n) => 0.05 + 0.75 / (1 + Math.exp(-2 * (Math.log10(n) - 9.3))));
    const r = fit(sigmoidLog(), { x: sizes, y });
    expect(r.params.mid).toBeCloseTo(9.3, 8);
    expect(r.params.slope).toBeCloseTo(2, 7);
    expect(r.params.ceiling).toBeCloseTo(0.8, 8);
  });

  it("linear in log size and U-shaped: exact Jacobians and recovery", () => {
    checkJacobian(logLinear(), [0.1, 0.05], [sizes]);
    checkJacobian(uShaped(), [0.3, 9, 0.02], [sizes]);
    const y = sizes.map((n) => 0.3 + 0.02 * (Math.log10(n) - 9.4) ** 2);
    const r = fit(uShaped(), { x: sizes, y });
    expect(r.params.turn).toBeCloseTo(9.4, 9);
    expect(r.params.curvature).toBeCloseTo(0.02, 10);
    const l = fit(logLinear(), { x: sizes, y: sizes.map((n) => 0.1 + 0.05 * Math.log10(n)) });
    expect(l.params.b).toBeCloseTo(0.05, 12);
  });
});
