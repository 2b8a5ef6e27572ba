import { describe, expect, it } from "vitest";
import { fit, formula, powerLaw } from "../src/index.js";

const x = [1e6, 3e6, 1e7, 3e7, 1e8, 3e8, 1e9];
const y = [4.02, 3.41, 2.95, 2.62, 2.37, 2.2, 2.06];

describe("FitResult.report()", () => {
  it("lists model, statistics, stop reason, parameters ± SE and flags correlations above 0.9", () => {
    const r = fit(powerLaw(), { x, y });
    const text = r.report();
    expect(text).toContain("[[Model]]");
    expect(text).toContain("E + A * x^(-alpha)");
    expect(text).toMatch(/# data points\s+= 7/);
    expect(text).toMatch(/# variables\s+= 3/);
    expect(text).toContain(`chi-square            = ${Number(r.rss.toPrecision(6))}`);
    expect(text).toContain(`stop reason           = ${r.reason} (`);
    for (const p of ["E", "A", "alpha"]) {
      expect(text).toContain(
        `${Number(r.params[p]!.toPrecision(6))} +/- ${Number(r.stderr[p]!.toPrecision(6))}`,
      );
    }
    // A and alpha of a power law are strongly correlated; the pair is flagged with its value.
    const rho = r.correlation[1]![2]!;
    expect(Math.abs(rho)).toBeGreaterThan(0.9);
    expect(text).toContain(`C(A, alpha)`);
    expect(text).toContain(`${rho >= 0 ? "+" : ""}${rho.toFixed(4)}  <- high`);
    // Pairs at or below the threshold are not flagged.
    const quiet = r.report({ correlationThreshold: 0.99999 });
    expect(quiet).not.toContain("<- high");
    expect(quiet).toContain("none");
  });

  it("marks fixed parameters, robust losses and log space", () => {
    const r = fit(
      powerLaw(),
      { x, y },
      { fixed: { E: 1.8 }, loss: { name: "huber", scale: 0.05 }, space: "log" },
    );
    const text = r.report();
    expect(text).toMatch(/E:\s+1\.8 \(fixed\)/);
    expect(text).toContain("huber loss (scale 0.05), log space");
    expect(text).toMatch(/# variables\s+= 2/);
  });

  it("says when the Jacobian is rank deficient", () => {
    const m = formula("a * b * x + c", { params: ["a", "b", "c"] });
    const r = fit(m, { x: [1, 2, 3, 4, 5], y: [3, 5, 7, 9, 11] }, { start: [1, 1, 0] });
    expect(r.report()).toContain("not identifiable");
  });
});
