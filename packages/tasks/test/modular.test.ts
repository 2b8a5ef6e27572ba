import { randomSource } from "@emerge/random";
import { describe, expect, it } from "vitest";
import {
  compose,
  invert,
  type ModularOperation,
  modularDataset,
  modularOperations,
  modularResult,
  modularText,
  permutationIndex,
  S5,
  TaskError,
} from "../src/index.js";

function pairs(data: ReturnType<typeof modularDataset>) {
  const out: [number, number, number][] = [];
  for (const s of [data.train, data.test]) {
    for (let i = 0; i < s.size; i++) out.push([s.a[i] as number, s.b[i] as number, s.target[i] as number]);
  }
  return out;
}

function expectCode(f: () => unknown, code: string) {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TaskError);
    expect((e as TaskError).code).toBe(code);
    return;
  }
  throw new Error(`expected a TaskError ${code}`);
}

describe("modularResult", () => {
  it("computes every arithmetic operation against a BigInt reference", () => {
    const p = 13;
    const inv = (y: number) => {
      for (let z = 1; z < p; z++) if ((y * z) % p === 1) return z;
      throw new Error("no inverse");
    };
    const mod = (v: bigint) => Number(((v % BigInt(p)) + BigInt(p)) % BigInt(p));
    for (let x = 0; x < p; x++) {
      for (let y = 1; y < p; y++) {
        const X = BigInt(x);
        const Y = BigInt(y);
        expect(modularResult("add", x, y, p)).toBe(mod(X + Y));
        expect(modularResult("sub", x, y, p)).toBe(mod(X - Y));
        expect(modularResult("div", x, y, p)).toBe(mod(X * BigInt(inv(y))));
        expect(modularResult("mixed", x, y, p)).toBe(y % 2 ? mod(X * BigInt(inv(y))) : mod(X - Y));
        expect(modularResult("x2+y2", x, y, p)).toBe(mod(X * X + Y * Y));
        expect(modularResult("x2+xy+y2", x, y, p)).toBe(mod(X * X + X * Y + Y * Y));
        expect(modularResult("x2+xy+y2+x", x, y, p)).toBe(mod(X * X + X * Y + Y * Y + X));
        expect(modularResult("x3+xy", x, y, p)).toBe(mod(X * X * X + X * Y));
        expect(modularResult("x3+xy2+y", x, y, p)).toBe(mod(X * X * X + X * Y * Y + Y));
      }
    }
  });

  it("keeps the large-modulus polynomials exact", () => {
    const p = 4093;
    const x = 4092;
    const y = 4091;
    const expected = Number((BigInt(x) ** 3n + BigInt(x) * BigInt(y) ** 2n + BigInt(y)) % BigInt(p));
    expect(modularResult("x3+xy2+y", x, y, p)).toBe(expected);
  });

  it("rejects bad input with codes", () => {
    expectCode(() => modularResult("div", 3, 5, 8), "NOT_PRIME");
    expectCode(() => modularResult("div", 3, 0, 7), "OUT_OF_RANGE");
    expectCode(() => modularResult("add", 7, 0, 7), "OUT_OF_RANGE");
    expectCode(() => modularResult("add", 1, 1, 1), "INVALID_MODULUS");
    expectCode(() => modularResult("add", 1, 1, 2.5), "INVALID_MODULUS");
    expectCode(() => modularResult("s5" as "add", 1, 1, 7), "UNKNOWN_OPERATION");
  });
});

describe("S5", () => {
  it("has 120 distinct permutations with the identity first", () => {
    expect(S5).toHaveLength(120);
    expect(new Set(S5.map((s) => s.join(""))).size).toBe(120);
    expect(S5[0]).toEqual([0, 1, 2, 3, 4]);
    expect(S5[119]).toEqual([4, 3, 2, 1, 0]);
  });

  it("composes right to left and inverts", () => {
    const x = [1, 2, 0, 3, 4];
    const y = [0, 1, 2, 4, 3];
    expect(compose(x, y)).toEqual([1, 2, 0, 4, 3]);
    expect(compose(x, [1, 0, 2, 3, 4])).toEqual([2, 1, 0, 3, 4]); // x(y(0)) = x(1) = 2
    for (const s of S5) expect(compose(s, invert(s))).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("modularDataset", () => {
  it("matches the contract for addition mod 97", () => {
    const d = modularDataset({ op: "add", p: 97, trainFraction: 0.3, seed: 0 });
    expect(d.vocabSize).toBe(97);
    expect(d.train.size).toBe(Math.round(0.3 * 97 * 97));
    expect(d.train.size + d.test.size).toBe(97 * 97);
    expect(d.train.a).toBeInstanceOf(Int32Array);
    expect(d.test.target).toBeInstanceOf(Int32Array);
    expect(d.train.a.length).toBe(d.train.size);
    expect(d.equation(3, 5)).toBe("3 + 5 = 8 (mod 97)");
    expect(d.equation(96, 2)).toBe("96 + 2 = 1 (mod 97)");
    const seen = new Set(
      pairs(d).map(([a, b, t]) => {
        expect(t).toBe((a + b) % 97);
        return a * 97 + b;
      }),
    );
    expect(seen.size).toBe(97 * 97);
  });

  it("shuffles the enumeration exactly as randomSource(seed).shuffle", () => {
    const d = modularDataset({ op: "sub", p: 5, trainFraction: 0.4, seed: "split-7" });
    const enumeration: [number, number][] = [];
    for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) enumeration.push([a, b]);
    const shuffled = randomSource("split-7").shuffle(enumeration);
    expect(pairs(d).map(([a, b]) => [a, b])).toEqual(shuffled);
    expect(d.train.size).toBe(10);
  });

  it("is deterministic in the seed and differs across seeds", () => {
    const o = { op: "x2+y2" as const, p: 31, trainFraction: 0.5 };
    const a = modularDataset({ ...o, seed: 1 });
    const b = modularDataset({ ...o, seed: 1 });
    const c = modularDataset({ ...o, seed: 2 });
    expect(Array.from(a.train.a)).toEqual(Array.from(b.train.a));
    expect(Array.from(a.train.b)).toEqual(Array.from(b.train.b));
    expect(Array.from(a.train.a)).not.toEqual(Array.from(c.train.a));
    // A pinned checksum guards cross-machine stability of the split.
    const digest = Array.from(a.train.a.slice(0, 8)).concat(Array.from(a.train.b.slice(0, 8)));
    expect(digest).toMatchInlineSnapshot(`
      [
        12,
        9,
        21,
        21,
        24,
        5,
        13,
        7,
        25,
        13,
        26,
        19,
        18,
        9,
        21,
        6,
      ]
    `);
  });

  it("excludes y = 0 for division and the mixed operation", () => {
    for (const op of ["div", "mixed"] as const) {
      const d = modularDataset({ op, p: 7, trainFraction: 0.5, seed: 3 });
      const all = pairs(d);
      expect(all).toHaveLength(7 * 6);
      for (const [a, b, t] of all) {
        expect(b).not.toBe(0);
        expect(t).toBe(modularResult(op, a, b, 7));
      }
    }
    expect(modularDataset({ op: "div", p: 7, trainFraction: 0.5, seed: 3 }).equation(3, 5)).toBe(
      "3 / 5 = 2 (mod 7)",
    );
    const mixed = modularDataset({ op: "mixed", p: 7, trainFraction: 0.5, seed: 3 });
    expect(mixed.equation(3, 5)).toBe("3 / 5 = 2 (mod 7)");
    expect(mixed.equation(3, 4)).toBe("3 - 4 = 6 (mod 7)");
  });

  it("renders every polynomial as text whose value it states", () => {
    const p = 11;
    const text: Record<string, string> = {};
    for (const op of modularOperations) {
      if (op.startsWith("s5")) continue;
      text[op] = modularDataset({ op, p, trainFraction: 0.5, seed: 0 }).equation(2, 3);
    }
    expect(text).toEqual({
      add: "2 + 3 = 5 (mod 11)",
      sub: "2 - 3 = 10 (mod 11)",
      div: "2 / 3 = 8 (mod 11)",
      mixed: "2 / 3 = 8 (mod 11)",
      "x2+y2": "2^2 + 3^2 = 2 (mod 11)",
      "x2+xy+y2": "2^2 + 2*3 + 3^2 = 8 (mod 11)",
      "x2+xy+y2+x": "2^2 + 2*3 + 3^2 + 2 = 10 (mod 11)",
      "x3+xy": "2^3 + 2*3 = 3 (mod 11)",
      "x3+xy2+y": "2^3 + 2*3^2 + 3 = 7 (mod 11)",
    });
  });

  it("builds the S5 operations over 120 tokens", () => {
    const ops: ModularOperation[] = ["s5", "s5-conj", "s5-xyx"];
    for (const op of ops) {
      const d = modularDataset({ op, p: 0, trainFraction: 0.5, seed: 0 });
      expect(d.vocabSize).toBe(120);
      const all = pairs(d);
      expect(all).toHaveLength(120 * 120);
      for (const [a, b, t] of all.slice(0, 200)) {
        const x = S5[a] as number[];
        const y = S5[b] as number[];
        const expected =
          op === "s5"
            ? compose(x, y)
            : op === "s5-conj"
              ? compose(compose(x, y), invert(x))
              : compose(compose(x, y), x);
        expect(t).toBe(permutationIndex(expected));
      }
    }
    const conj = modularDataset({ op: "s5-conj", p: 0, trainFraction: 0.5, seed: 0 });
    expect(conj.equation(0, 1)).toBe("[0,1,2,3,4] ∘ [0,1,2,4,3] ∘ [0,1,2,3,4]⁻¹ = [0,1,2,4,3] (in S5)");
    expect(modularDataset({ op: "s5", p: 0, trainFraction: 0.5, seed: 0 }).equation(1, 1)).toBe(
      "[0,1,2,4,3] ∘ [0,1,2,4,3] = [0,1,2,3,4] (in S5)",
    );
  });

  it("rejects bad options with typed errors", () => {
    expectCode(() => modularDataset({ op: "div", p: 8, trainFraction: 0.5, seed: 0 }), "NOT_PRIME");
    expectCode(() => modularDataset({ op: "mixed", p: 9, trainFraction: 0.5, seed: 0 }), "NOT_PRIME");
    expectCode(() => modularDataset({ op: "add", p: 1, trainFraction: 0.5, seed: 0 }), "INVALID_MODULUS");
    expectCode(
      () => modularDataset({ op: "add", p: 10_000, trainFraction: 0.5, seed: 0 }),
      "INVALID_MODULUS",
    );
    expectCode(
      () => modularDataset({ op: "pow" as "add", p: 7, trainFraction: 0.5, seed: 0 }),
      "UNKNOWN_OPERATION",
    );
    expectCode(() => modularDataset({ op: "add", p: 7, trainFraction: 1, seed: 0 }), "INVALID_ARGUMENT");
    expectCode(
      () => modularDataset({ op: "add", p: 7, trainFraction: Number.NaN, seed: 0 }),
      "INVALID_ARGUMENT",
    );
    expectCode(() => modularDataset({ op: "add", p: 7, trainFraction: 0.5, seed: 1.5 }), "INVALID_ARGUMENT");
    expectCode(() => modularDataset({ op: "add", p: 2, trainFraction: 0.05, seed: 0 }), "EMPTY_SPLIT");
    const d = modularDataset({ op: "div", p: 7, trainFraction: 0.5, seed: 0 });
    expectCode(() => d.equation(1, 0), "OUT_OF_RANGE");
    expectCode(() => d.equation(7, 1), "OUT_OF_RANGE");
  });
});

describe("modularText", () => {
  it("emits the tensor split's equations in order as text", () => {
    const d = modularDataset({ op: "x2+y2", p: 11, trainFraction: 0.5, seed: 4 });
    const text = modularText({ op: "x2+y2", p: 11, trainFraction: 0.5, seed: 4, split: "train", n: 5 });
    text.forEach((t, i) => {
      expect(t.meta.a).toBe(d.train.a[i]);
      expect(t.meta.b).toBe(d.train.b[i]);
      expect(t.answer).toBe(String(d.train.target[i]));
      expect(`${t.prompt.replace(" (mod 11) =", " =")}${t.target} (mod 11)`).toBe(
        d.equation(t.meta.a as number, t.meta.b as number),
      );
    });
    expect(() => modularText({ op: "add", p: 5, trainFraction: 0.5, seed: 0, n: 100 })).toThrow(/fewer than/);
  });
});
