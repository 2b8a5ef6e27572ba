import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrap, FitError, fit, formula, powerLaw, profileLikelihood } from "../src/index.js";

/** The FitError code `f` throws, or "no error". Any other exception type fails the test. */
function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FitError);
    return (e as FitError).code;
  }
  return "no error";
}

const x = [1, 2, 3, 4, 5, 6];
const y = [3, 2.2, 1.9, 1.75, 1.66, 1.6];

describe("#17 item 6: formula strings that reach JavaScript's object machinery", () => {
  it("names of Object.prototype members are unknown symbols, not SyntaxErrors", () => {
    expect(code(() => formula("constructor", { params: ["a"] }))).toBe("UNKNOWN_SYMBOL");
    expect(code(() => formula("a * constructor", { params: ["a"] }))).toBe("UNKNOWN_SYMBOL");
    expect(code(() => formula("__proto__", { params: ["a"] }))).not.toBe("no error");
    expect(code(() => formula("toString(b)", { params: ["b"] }))).toBe("UNKNOWN_SYMBOL");
    expect(code(() => formula("a * hasOwnProperty(x)", { params: ["a"] }))).toBe("UNKNOWN_SYMBOL");
    expect(code(() => formula("a * valueOf", { params: ["a"] }))).toBe("UNKNOWN_SYMBOL");
  });

  it("a method call on an unknown object is rejected, not silently reduced to the method", () => {
    expect(code(() => formula("a + b*evil.exp(-c*x)", { params: ["a", "b", "c"] }))).toBe("UNKNOWN_SYMBOL");
    expect(code(() => formula("a + Math.exp(x)", { params: ["a"] }))).toBe("UNKNOWN_SYMBOL");
    expect(code(() => formula("a * x[1]", { params: ["a"] }))).toBe("UNKNOWN_SYMBOL");
  });

  it("a parameter named __proto__ (or constructor) keeps its place in result.params", () => {
    const m = formula("__proto__ + constructor * x", { params: ["__proto__", "constructor"] });
    const r = fit(m, { x, y: x.map((v) => 2 + 0.5 * v) }, { start: [1, 1] });
    expect(Object.keys(r.params)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(r.params, "__proto__")?.value).toBeCloseTo(2, 8);
    expect(r.params.constructor).toBeCloseTo(0.5, 8);
    expect(Object.keys(r.stderr)).toEqual(["__proto__", "constructor"]);
  });
});

describe("#17 item 6: every numeric option is validated before any work", () => {
  const bad: [string, Record<string, unknown>][] = [
    ["maxEvaluations", { maxEvaluations: -5 }],
    ["maxEvaluations", { maxEvaluations: 2.5 }],
    ["maxEvaluations", { maxEvaluations: 1e12 }],
    ["ftol", { ftol: Number.NaN }],
    ["ftol", { ftol: -1 }],
    ["xtol", { xtol: Number.POSITIVE_INFINITY }],
    ["gtol", { gtol: "1e-8" }],
    ["stepBound", { stepBound: 0 }],
    [
      "latinHypercube.count",
      {
        latinHypercube: {
          count: 1e9,
          ranges: [
            [0, 1],
            [0, 1],
            [0, 1],
          ],
        },
      },
    ],
    ["starts", { starts: Array.from({ length: 20_000 }, () => [1, 1, 1]) }],
  ];
  for (const [key, options] of bad) {
    it(`${key}: ${JSON.stringify(options).slice(0, 60)}`, () => {
      try {
        fit(powerLaw(), { x, y }, options as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(FitError);
        expect((e as FitError).code).toBe("INVALID_OPTION");
        expect((e as FitError).message).toContain(key);
      }
    });
  }
});

describe("documented upper bounds on counts, checked before any work", () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(FitError);
      return `${(e as FitError).code}: ${(e as FitError).message}`;
    }
    return "no error";
  };
  it("bootstrap replicates and profile points", () => {
    expect(code(() => bootstrap(powerLaw(), { x, y }, { replicates: 1e7 }))).toMatch(
      /^INVALID_OPTION: replicates/,
    );
    expect(code(() => bootstrap(powerLaw(), { x, y }, { replicates: 2.5 }))).toMatch(
      /^INVALID_OPTION: replicates/,
    );
    expect(code(() => profileLikelihood(powerLaw(), { x, y }, "alpha", { points: 1e6 }))).toMatch(
      /^INVALID_OPTION: points/,
    );
  });
});

describe("fuzz: formula() and fit() give a FitError or a finite result, never another exception", () => {
  const tokens = [
    "a",
    "b",
    "x",
    "c",
    "1",
    "2.5",
    "e",
    "pi",
    "+",
    "-",
    "*",
    "/",
    "^",
    "(",
    ")",
    ",",
    ".",
    "[",
    "]",
    "exp",
    "log",
    "sqrt",
    "sin",
    "constructor",
    "__proto__",
    "toString",
    "prototype",
    "evil",
    "Math",
    "=",
    "?",
    ":",
    "'s'",
    '"t"',
    "!",
    "'",
    "{",
    "}",
    ";",
    "f(t) = t",
    "end",
    "x.y",
    "1e400",
    "NaN",
    "Infinity",
  ];
  it("random token strings", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 12 }), fc.boolean(), (parts, join) => {
        const expression = parts.join(join ? " " : "");
        let model: ReturnType<typeof formula> | undefined;
        try {
          model = formula(expression, { params: ["a", "b"] });
        } catch (e) {
          expect(e).toBeInstanceOf(FitError);
          return;
        }
        try {
          const r = fit(model, { x, y }, { start: [1, 0.5], maxEvaluations: 200 });
          expect(Object.values(r.params).every(Number.isFinite)).toBe(true);
          expect(Number.isFinite(r.rss)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(FitError);
        }
      }),
      { numRuns: 600, seed: 17 },
    );
  });

  it("random strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (expression) => {
        try {
          formula(expression, { params: ["a"] });
        } catch (e) {
          expect(e).toBeInstanceOf(FitError);
        }
      }),
      { numRuns: 400, seed: 18 },
    );
  });

  it("random options", () => {
    const anyValue = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.constantFrom(Number.NaN, -5, 0, 1e300, -0, "x", null, undefined, true, [], {}),
    );
    const keys = [
      "ftol",
      "xtol",
      "gtol",
      "maxEvaluations",
      "stepBound",
      "start",
      "lower",
      "upper",
      "loss",
      "fixed",
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: 4 }), (options) => {
        try {
          const r = fit(powerLaw(), { x, y }, options as never);
          expect(Object.values(r.params).every(Number.isFinite)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(FitError);
        }
      }),
      { numRuns: 400, seed: 19 },
    );
  });
});
