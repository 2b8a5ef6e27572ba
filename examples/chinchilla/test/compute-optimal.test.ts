import { computeOptimal as fitComputeOptimal } from "@emerge/fit";
import { describe, expect, it } from "vitest";
import {
  allocationRule,
  type ChinchillaLaw,
  chinchillaLoss,
  computeFrontier,
  computeOptimal,
} from "../src/compute-optimal.js";

/** Epoch AI's replication of Approach 3 (Besiroglu et al. 2024). */
const epoch: ChinchillaLaw = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };

/** Golden-section search of the loss along the iso-FLOP curve D = C / (6N), in log N. */
function bruteForceOptimum(law: ChinchillaLaw, compute: number): number {
  let lo = Math.log(1e3);
  let hi = Math.log(compute / 6 / 1e3);
  const g = (Math.sqrt(5) - 1) / 2;
  const f = (logN: number) => chinchillaLoss(law, Math.exp(logN), compute / (6 * Math.exp(logN)));
  for (let i = 0; i < 200; i++) {
    const m1 = hi - g * (hi - lo);
    const m2 = lo + g * (hi - lo);
    if (f(m1) < f(m2)) hi = m2;
    else lo = m1;
  }
  return Math.exp((lo + hi) / 2);
}

describe("compute-optimal allocation", () => {
  it("matches a direct minimisation of the loss along C = 6ND", () => {
    for (const compute of [1e19, 5.76e23, 1e26]) {
      const opt = computeOptimal(epoch, compute);
      expect(opt.params / bruteForceOptimum(epoch, compute)).toBeCloseTo(1, 6);
      expect(6 * opt.params * opt.tokens).toBeCloseTo(compute, -Math.log10(compute) + 8);
    }
  });

  it("gives the exponents a = β/(α+β), b = α/(α+β) that sum to one", () => {
    const rule = allocationRule(epoch);
    expect(rule.a).toBeCloseTo(0.3658 / 0.7136, 12);
    expect(rule.a + rule.b).toBeCloseTo(1, 12);
    // Doubling compute multiplies N_opt by 2^a.
    const ratio = computeOptimal(epoch, 2e22).params / computeOptimal(epoch, 1e22).params;
    expect(ratio).toBeCloseTo(2 ** rule.a, 10);
  });

  it("puts Chinchilla's budget at about 20 tokens per parameter under Epoch's fit", () => {
    // Epoch's replication is consistent with Hoffmann et al.'s 70B model on 1.4T tokens (20 tokens/param).
    const opt = computeOptimal(epoch, 5.76e23);
    expect(opt.tokensPerParam).toBeGreaterThan(15);
    expect(opt.tokensPerParam).toBeLessThan(30);
  });

  it("agrees with @emerge/fit's computeOptimal", () => {
    const ours = computeOptimal(epoch, 1e22);
    const theirs = fitComputeOptimal(epoch, 1e22);
    expect(ours.params / theirs.N).toBeCloseTo(1, 10);
    expect(ours.tokens / theirs.D).toBeCloseTo(1, 10);
    expect(ours.loss).toBeCloseTo(theirs.loss, 10);
  });

  it("spaces a frontier evenly in log compute and rejects bad input", () => {
    const frontier = computeFrontier(epoch, 1e18, 1e24, 7);
    expect(frontier.map((f) => Math.round(Math.log10(f.compute)))).toEqual([18, 19, 20, 21, 22, 23, 24]);
    expect(() => computeOptimal(epoch, -1)).toThrow(RangeError);
    expect(() => allocationRule({ ...epoch, alpha: 0 })).toThrow(RangeError);
  });
});
