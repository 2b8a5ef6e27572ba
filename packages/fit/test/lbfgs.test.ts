import { describe, expect, it } from "vitest";
import { minimize } from "../src/index.js";

describe("minimize (L-BFGS)", () => {
  it("solves Rosenbrock", () => {
    const r = minimize(
      (p, g) => {
        const [a, b] = [p[0]!, p[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      [-1.2, 1],
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });
  it("stops on an active bound with the right multiplier sign", () => {
    const r = minimize(
      (p, g) => {
        g[0] = 2 * (p[0]! - 3);
        g[1] = 2 * (p[1]! + 1);
        return (p[0]! - 3) ** 2 + (p[1]! + 1) ** 2;
      },
      [0, 0],
      { lower: [-10, 0], upper: [2, 10] },
    );
    expect(r.x[0]).toBe(2);
    expect(r.x[1]).toBe(0);
    expect(r.converged).toBe(true);
  });
});
