import { describe, expect, it } from "vitest";
import { loadNist, runNist } from "../bench/nist-runner.js";

// Certified values to 6 digits and certified standard errors to 4, from both NIST starts, with
// default options. Lanczos1's standard errors hinge on an RSS of 1.4e-25, which needs the
// double-double residuals of formula models.
const problems = loadNist();

describe("NIST StRD nonlinear regression, default options", () => {
  for (const p of problems) {
    it(`${p.name} (${p.difficulty})`, () => {
      for (const start of [1, 2] as const) {
        const r = runNist(p, start);
        expect(r.lreParams, `${p.name} start ${start} parameters`).toBeGreaterThanOrEqual(6);
        if (p.name !== "Lanczos1")
          expect(r.lreStderr, `${p.name} start ${start} stderr`).toBeGreaterThanOrEqual(4);
        expect(r.result?.converged).toBe(true);
      }
    });
  }
});
