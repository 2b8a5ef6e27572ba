import { describe, expect, it } from "vitest";
import {
  arithmetic,
  averaging,
  type FunctionClass,
  fewShotInstances,
  fewShotPrompt,
  functionClasses,
  functionRegression,
  leastSquares,
  nearestNeighbors,
  normalizedSquaredError,
  regressionPrompts,
  serializeRegressionPrompt,
  TaskError,
} from "../src/index.js";

const docs = [
  { q: "2+2", a: "4" },
  { q: "3+3", a: "6" },
  { q: "1+5", a: "6" },
  { q: "7+1", a: "8" },
  { q: "0+9", a: "9" },
];
const accessors = {
  docToText: (d: { q: string }) => `Q: ${d.q}\nA:`,
  docToTarget: (d: { a: string }) => d.a,
};

describe("few-shot prompts with lm-evaluation-harness conventions", () => {
  it("joins exemplars with target_delimiter and fewshot_delimiter after the description", () => {
    const built = fewShotPrompt({
      ...accessors,
      examples: docs,
      query: docs[2] as (typeof docs)[number],
      k: 2,
      sampler: "first_n",
      description: "Add the numbers.\n\n",
    });
    expect(built.prompt).toBe("Add the numbers.\n\nQ: 2+2\nA: 4\n\nQ: 3+3\nA: 6\n\nQ: 1+5\nA:");
    const zero = fewShotPrompt({
      ...accessors,
      examples: docs,
      query: docs[0] as (typeof docs)[number],
      k: 0,
    });
    expect(zero.prompt).toBe("Q: 2+2\nA:");
  });

  it("first_n skips the query; custom delimiters apply", () => {
    const built = fewShotPrompt({
      ...accessors,
      examples: docs,
      query: docs[0] as (typeof docs)[number],
      k: 2,
      sampler: "first_n",
      targetDelimiter: "",
      fewshotDelimiter: "\n###\n",
    });
    expect(built.prompt).toBe("Q: 3+3\nA:6\n###\nQ: 1+5\nA:6\n###\nQ: 2+2\nA:");
  });

  it("random sampling is seeded and never includes the query", () => {
    for (let seed = 0; seed < 30; seed++) {
      const q = docs[seed % docs.length] as (typeof docs)[number];
      const a = fewShotPrompt({ ...accessors, examples: docs, query: q, k: 4, seed });
      const b = fewShotPrompt({ ...accessors, examples: docs, query: q, k: 4, seed });
      expect(a).toEqual(b);
      expect(a.exemplars).toHaveLength(4);
      expect(a.exemplars).not.toContain(q);
    }
    expect(() =>
      fewShotPrompt({ ...accessors, examples: docs, query: docs[0] as (typeof docs)[number], k: 5 }),
    ).toThrow(TaskError);
  });

  it("builds few-shot GPT-3 prompts from generated instances (targets carry their own space)", () => {
    const pool = arithmetic({ op: "add", digits: 2, n: 20, seed: 0 });
    const q = pool[3] as (typeof pool)[number];
    const shot = fewShotInstances({ examples: pool, query: q, k: 3, seed: 1 });
    const ex = shot.meta.exemplars as string[];
    expect(ex).toHaveLength(3);
    expect(ex).not.toContain(q.id);
    const parts = ex.map((id) => {
      const d = pool.find((t) => t.id === id) as (typeof pool)[number];
      return d.prompt + d.target;
    });
    expect(shot.prompt).toBe(`${parts.join("\n\n")}\n\n${q.prompt}`);
    expect(shot.target).toBe(q.target);
  });
});

describe("function classes (Garg et al. 2022)", () => {
  it("least squares recovers linear functions once k ≥ d; errors are normalised", () => {
    const [p] = regressionPrompts({ kind: "linear", dims: 8, points: 12, n: 1, seed: 0 });
    if (!p) throw new Error("no prompt");
    expect(
      normalizedSquaredError(leastSquares(p.xs, p.ys, p.query), p.target, p.kind, p.settings),
    ).toBeLessThan(1e-18);
    // Zero prediction has normalised error ≈ 1 on average.
    const many = regressionPrompts({ kind: "linear", dims: 8, points: 0, n: 400, seed: 1 });
    const zeroErr =
      many.reduce((s, q) => s + normalizedSquaredError(0, q.target, q.kind, q.settings), 0) / many.length;
    expect(zeroErr).toBeGreaterThan(0.8);
    expect(zeroErr).toBeLessThan(1.25);
  });

  it("the minimum-norm solution interpolates the prompt when k < d", () => {
    const [p] = regressionPrompts({ kind: "linear", dims: 10, points: 4, n: 1, seed: 2 });
    if (!p) throw new Error("no prompt");
    p.xs.forEach((x, i) => {
      expect(leastSquares(p.xs, p.ys, x)).toBeCloseTo(p.ys[i] as number, 9);
    });
  });

  it("baselines order as in Garg et al. on linear functions: least squares < averaging < 3-NN at k = 4d", () => {
    const ps = regressionPrompts({ kind: "linear", dims: 5, points: 20, n: 300, seed: 3 });
    const mean = (f: (p: (typeof ps)[number]) => number) =>
      ps.reduce((s, p) => s + normalizedSquaredError(f(p), p.target, p.kind, p.settings), 0) / ps.length;
    const ls = mean((p) => leastSquares(p.xs, p.ys, p.query));
    const avg = mean((p) => averaging(p.xs, p.ys, p.query));
    const nn = mean((p) => nearestNeighbors(p.xs, p.ys, p.query));
    expect(ls).toBeLessThan(1e-12);
    expect(avg).toBeLessThan(nn);
    expect(avg).toBeLessThan(0.5);
  });

  it("sparse linear functions use exactly s coordinates; trees take N(0,1) leaf values", () => {
    const [p] = regressionPrompts({ kind: "sparse-linear", dims: 6, sparsity: 2, points: 6, n: 1, seed: 4 });
    if (!p) throw new Error("no prompt");
    // With k = d the system is determined: recover w and count non-zeros.
    const w = Array.from({ length: 6 }, (_, j) =>
      leastSquares(
        p.xs,
        p.ys,
        Array.from({ length: 6 }, (_, i) => (i === j ? 1 : 0)),
      ),
    );
    expect(w.filter((v) => Math.abs(v) > 1e-9)).toHaveLength(2);
    const trees = regressionPrompts({ kind: "decision-tree", dims: 4, points: 30, n: 1, seed: 5 });
    expect(new Set(trees[0]?.ys).size).toBeLessThanOrEqual(16);
  });

  it("normalises by E[f(x)²], so predicting 0 scores about 1 for every class", () => {
    for (const kind of functionClasses) {
      const ps = regressionPrompts({ kind, dims: 5, points: 0, n: 1500, seed: 11 });
      const err =
        ps.reduce((s, p) => s + normalizedSquaredError(0, p.target, p.kind, p.settings), 0) / ps.length;
      expect(err, kind).toBeGreaterThan(0.8);
      expect(err, kind).toBeLessThan(1.2);
    }
  });

  it("every class is seeded and serialises to text", () => {
    for (const kind of functionClasses) {
      const a = regressionPrompts({ kind, dims: 3, points: 4, n: 2, seed: 7 });
      expect(regressionPrompts({ kind: kind as FunctionClass, dims: 3, points: 4, n: 2, seed: 7 })).toEqual(
        a,
      );
      expect(a[0]?.ys.every(Number.isFinite)).toBe(true);
    }
    const text = serializeRegressionPrompt({
      kind: "linear",
      settings: { dims: 2, sparsity: 1, depth: 1, hidden: 1 },
      xs: [[1, 2]],
      ys: [3],
      query: [0, -0.001],
      target: 2,
    });
    expect(text.prompt).toBe("x: [1.00, 2.00] -> y: 3.00\nx: [0.00, 0.00] -> y:");
    expect(text.target).toBe(" 2.00");
    const [inst] = functionRegression({ kind: "relu-net", dims: 3, points: 5, n: 1, seed: 0 });
    expect(inst?.prompt.split("\n")).toHaveLength(6);
    expect(typeof inst?.meta.leastSquaresError).toBe("number");
  });
});

describe("function-class settings", () => {
  it("accepts d below the default sparsity for every class but sparse-linear, where sparsity must fit in d", () => {
    // the bug: linear regression with d = 2 threw because the unused sparsity default (3) exceeded d
    for (const kind of functionClasses.filter((k) => k !== "sparse-linear")) {
      const [p] = regressionPrompts({ kind, dims: 2, points: 3, n: 1, seed: 0 });
      expect(p?.query).toHaveLength(2);
      expect(p?.settings.sparsity).toBeLessThanOrEqual(2);
    }
    expect(() => regressionPrompts({ kind: "sparse-linear", dims: 2, points: 3, n: 1, seed: 0 })).toThrow(
      expect.objectContaining({ code: "INVALID_ARGUMENT" }),
    );
    const [s] = regressionPrompts({ kind: "sparse-linear", dims: 2, sparsity: 1, points: 3, n: 1, seed: 0 });
    expect(s?.settings.sparsity).toBe(1);
  });
});
