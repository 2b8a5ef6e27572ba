import { describe, expect, expectTypeOf, it } from "vitest";
import { arithmetic, families, generate, type TaskInstance } from "../src/index.js";

describe("#16: typed meta per family", () => {
  it("generate() with a family name gives that family's meta type, no casts", () => {
    const xs = generate("arithmetic", { digits: 3 }, 2, 0);
    expectTypeOf(xs).toEqualTypeOf<TaskInstance<"arithmetic">[]>();
    expectTypeOf(xs[0]!.meta.digits).toEqualTypeOf<number>();
    expectTypeOf(xs[0]!.meta.op).toEqualTypeOf<"add" | "sub" | "mul">();
    expectTypeOf(xs[0]!.family).toEqualTypeOf<"arithmetic">();
    const flips = generate("coin-flip", {}, 1, 0)[0]!.meta.flips;
    expectTypeOf(flips).toEqualTypeOf<boolean[]>();
    expectTypeOf(generate("modular", {}, 1, 0)[0]!.meta.token).toEqualTypeOf<number>();
    expectTypeOf(
      generate("function-regression", {}, 1, 0)[0]!.meta.leastSquaresError,
    ).toEqualTypeOf<number>();
    // Typed instances are still instances: every API taking TaskInstance accepts them.
    const plain: TaskInstance[] = xs;
    expect(plain).toHaveLength(2);
    expect(xs[0]?.meta.digits).toBe(3);
  });

  // The meta types are declarations; check them against what the generators really write.
  const expectedKeys: Record<string, string[]> = {
    arithmetic: ["a", "b", "digits", "op"],
    "arithmetic-1dc": ["a", "b", "c", "digits", "minOperand", "o1", "o2"],
    "sum-of-digits": ["digits", "x"],
    "cycle-letters": ["instruction", "kind", "maxLength", "minLength", "scrambled", "shift", "word"],
    anagrams1: ["instruction", "kind", "maxLength", "minLength", "order", "scrambled", "word"],
    anagrams2: ["instruction", "kind", "maxLength", "minLength", "order", "scrambled", "word"],
    "random-insertion": ["instruction", "kind", "maxLength", "minLength", "scrambled", "symbols", "word"],
    "reversed-words": ["instruction", "kind", "maxLength", "minLength", "scrambled", "word"],
    "last-letters": ["domain", "names", "words"],
    "coin-flip": ["domain", "flips", "names", "steps"],
    "multistep-arithmetic": ["depth", "input", "length", "maxAbs"],
    "word-problems": ["format", "maxValue", "question", "steps"],
    "function-regression": [
      "averagingError",
      "decimals",
      "depth",
      "dims",
      "hidden",
      "kind",
      "leastSquaresError",
      "nearestNeighborsError",
      "points",
      "sparsity",
      "targetValue",
    ],
    modular: ["a", "b", "op", "p", "split", "token", "trainFraction"],
  };

  it("every family's meta has exactly the keys its type declares, and every option default is in its spec once", () => {
    expect(families.map((f) => f.name).sort()).toEqual(Object.keys(expectedKeys).sort());
    for (const f of families) {
      const [t] = generate(f.name, {}, 1, 0);
      expect(Object.keys(t?.meta ?? {}).sort(), f.name).toEqual(expectedKeys[f.name]);
      for (const o of f.options) expect(typeof o.default).toBe(o.type === "string" ? "string" : "number");
    }
    const [a] = arithmetic({ op: "mul", digits: 2, n: 1, seed: 0 });
    expect(typeof a?.meta.a).toBe("string");
  });
});
