import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type ArithmeticOp,
  anagramMiddle,
  arithmetic,
  arithmeticProblem,
  commonEnglishWords,
  compositeArithmetic,
  compositeProblem,
  cycleLetters,
  gpt3JsonLine,
  insertSymbols,
  reverseWord,
  scrambleKinds,
  sumOfDigits,
  sumOfDigitsProblem,
  TaskError,
  unscrambleProblem,
  wordScramble,
} from "../src/index.js";

const golden = JSON.parse(readFileSync(new URL("./fixtures/gpt3-golden.json", import.meta.url), "utf8")) as {
  files: Record<string, string[]>;
};

describe("GPT-3 arithmetic reproduces the openai/gpt-3 data files byte for byte", () => {
  const two = /^\n\nQ: What is (\d+) (plus|minus|times) (\d+)\?\n\nA:$/;
  const ops: Record<string, ArithmeticOp> = { plus: "add", minus: "sub", times: "mul" };
  for (const file of [
    "two_digit_addition.jsonl",
    "five_digit_subtraction.jsonl",
    "two_digit_multiplication.jsonl",
  ]) {
    it(file, () => {
      const lines = golden.files[file] as string[];
      expect(lines).toHaveLength(5);
      for (const line of lines) {
        const { context } = JSON.parse(line) as { context: string };
        const m = two.exec(context);
        expect(m).not.toBeNull();
        const [, a, word, b] = m as RegExpExecArray;
        const problem = arithmeticProblem(
          ops[word as string] as ArithmeticOp,
          BigInt(a as string),
          BigInt(b as string),
        );
        expect(gpt3JsonLine(problem)).toBe(line);
      }
    });
  }

  it("single_digit_three_ops.jsonl", () => {
    for (const line of golden.files["single_digit_three_ops.jsonl"] as string[]) {
      const m = /\((\d) ([-+*]) (\d)\) ([-+*]) (\d)\?/.exec(line) as RegExpExecArray;
      const [, a, o1, b, o2, c] = m;
      const p = compositeProblem(
        BigInt(a as string),
        o1 as "+",
        BigInt(b as string),
        o2 as "+",
        BigInt(c as string),
      );
      expect(gpt3JsonLine(p)).toBe(line);
    }
  });

  it("sum_of_digits.jsonl", () => {
    for (const line of golden.files["sum_of_digits.jsonl"] as string[]) {
      const x = /number (\d+)\?/.exec(line)?.[1] as string;
      expect(gpt3JsonLine(sumOfDigitsProblem(BigInt(x)))).toBe(line);
    }
  });
});

describe("arithmetic generators", () => {
  it("are seeded, prefix-stable and uniform over [0, 10^n)", () => {
    const a = arithmetic({ op: "add", digits: 3, n: 400, seed: 7 });
    const b = arithmetic({ op: "add", digits: 3, n: 10, seed: 7 });
    expect(a.slice(0, 10)).toEqual(b);
    expect(arithmetic({ op: "add", digits: 3, n: 10, seed: 8 })).not.toEqual(b);
    const operands = a.flatMap((t) => [Number(t.meta.a), Number(t.meta.b)]);
    expect(Math.min(...operands)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...operands)).toBeLessThan(1000);
    // Uniform over [0, 1000): about 10% below 100 (leading zero dropped), mean near 499.5.
    const below100 = operands.filter((x) => x < 100).length / operands.length;
    expect(below100).toBeGreaterThan(0.06);
    expect(below100).toBeLessThan(0.14);
    const mean = operands.reduce((s, x) => s + x, 0) / operands.length;
    expect(Math.abs(mean - 499.5)).toBeLessThan(40);
    for (const t of a) {
      expect(t.target).toBe(` ${Number(t.meta.a) + Number(t.meta.b)}`);
      expect(t.prompt).toBe(`\n\nQ: What is ${t.meta.a} plus ${t.meta.b}?\n\nA:`);
    }
  });

  it("sweeps difficulty beyond 5 digits exactly with BigInt", () => {
    const [t] = arithmetic({ op: "mul", digits: 30, n: 1, seed: 1 });
    const product = BigInt(t?.meta.a as string) * BigInt(t?.meta.b as string);
    expect(t?.target).toBe(` ${product}`);
    expect(String(t?.meta.a).length).toBeLessThanOrEqual(30);
    const [s] = arithmetic({ op: "sub", digits: 12, n: 1, seed: 3 });
    expect(s?.answer).toBe((BigInt(s?.meta.a as string) - BigInt(s?.meta.b as string)).toString());
  });

  it("1DC uses operands 1–9 and the three operators", () => {
    const xs = compositeArithmetic({ n: 300, seed: 0 });
    const ops = new Set<string>();
    for (const t of xs) {
      for (const k of ["a", "b", "c"]) {
        expect(Number(t.meta[k])).toBeGreaterThanOrEqual(1);
        expect(Number(t.meta[k])).toBeLessThanOrEqual(9);
      }
      ops.add(String(t.meta.o1));
      ops.add(String(t.meta.o2));
      // biome-ignore lint/security/noGlobalEval: the reference evaluates the trusted, generated expression.
      expect(t.answer).toBe(String(eval(`(${t.meta.a} ${t.meta.o1} ${t.meta.b}) ${t.meta.o2} ${t.meta.c}`)));
    }
    expect([...ops].sort()).toEqual(["*", "+", "-"]);
  });

  it("sum of digits answers the digit sum", () => {
    for (const t of sumOfDigits({ n: 50, seed: 2, digits: 6 })) {
      const digits = String(t.meta.x).split("").map(Number);
      expect(t.answer).toBe(String(digits.reduce((s, d) => s + d, 0)));
    }
  });

  it("rejects bad options", () => {
    expect(() => arithmetic({ op: "div" as "add", digits: 2, n: 1, seed: 0 })).toThrow(TaskError);
    expect(() => arithmetic({ op: "add", digits: 0, n: 1, seed: 0 })).toThrow(/digits/);
    expect(() => arithmetic({ op: "add", digits: 2, n: -1, seed: 0 })).toThrow(/n must/);
    expect(() => sumOfDigits({ n: 1, seed: 0.5 })).toThrow(/seed/);
  });
});

describe("GPT-3 word scrambling", () => {
  it("reproduces the paper's formatted examples (Figures G.19–G.27) from their latent choices", () => {
    const ctx = (s: string) => `Please unscramble the letters into a word, and write that word:\n${s} =`;
    expect(unscrambleProblem(cycleLetters("casino", 1), "casino")).toEqual({
      prompt: ctx("asinoc"),
      target: " casino",
      answer: "casino",
    });
    // A1 keeps the first and last letter: sticks → s|tick|s → s|kict|s.
    expect(anagramMiddle("sticks", 1, [3, 1, 2, 0])).toBe("skicts");
    // A2 keeps two letters at each end: volkswagen → vo|lkswag|en → vo|lwskag|en.
    expect(anagramMiddle("volkswagen", 2, [0, 3, 2, 1, 4, 5])).toBe("volwskagen");
    expect(insertSymbols("reciprocal", [" ", "!", ".", " ", " ", " ", ".", " ", "/"])).toBe(
      "r e!c.i p r o.c a/l",
    );
    expect(insertSymbols("succession", [".", "!", "/", "!", ".", " ", " ", "/", "/"])).toBe(
      "s.u!c/c!e.s s i/o/n",
    );
    expect(reverseWord("defeat")).toBe("taefed");
    expect(unscrambleProblem("r e!c.i p r o.c a/l", "reciprocal").prompt).toBe(ctx("r e!c.i p r o.c a/l"));
    expect(unscrambleProblem("taefed", "defeat", "").prompt).toBe("taefed =");
  });

  it("ships a real word list of about 10,000 common words", () => {
    expect(commonEnglishWords.length).toBeGreaterThan(9000);
    for (const w of ["sticks", "objects", "defeat", "succession", "inevitably", "corruption", "opponent"]) {
      expect(commonEnglishWords).toContain(w);
    }
    expect(commonEnglishWords.every((w) => /^[a-z]{4,15}$/.test(w))).toBe(true);
  });

  it("generates every kind so that undoing the latent choice recovers the word", () => {
    for (const kind of scrambleKinds) {
      const xs = wordScramble({ kind, n: 40, seed: 11 });
      expect(xs).toHaveLength(40);
      for (const t of xs) {
        const word = String(t.meta.word);
        const scrambled = String(t.meta.scrambled);
        expect(t.prompt).toBe(
          `Please unscramble the letters into a word, and write that word:\n${scrambled} =`,
        );
        expect(t.target).toBe(` ${word}`);
        expect(word.length).toBeGreaterThanOrEqual(5);
        expect(word.length).toBeLessThanOrEqual(14);
        if (kind === "cycle-letters") expect(cycleLetters(scrambled, -Number(t.meta.shift))).toBe(word);
        if (kind === "reversed-words") expect(reverseWord(scrambled)).toBe(word);
        if (kind === "random-insertion") expect(scrambled.replace(/[ .!/]/g, "")).toBe(word);
        if (kind === "anagrams1") {
          expect(scrambled[0]).toBe(word[0]);
          expect(scrambled.at(-1)).toBe(word.at(-1));
          expect([...scrambled].sort().join("")).toBe([...word].sort().join(""));
        }
        if (kind === "anagrams2") {
          expect(scrambled.slice(0, 2)).toBe(word.slice(0, 2));
          expect(scrambled.slice(-2)).toBe(word.slice(-2));
        }
      }
    }
  });

  it("takes a custom word list and length range", () => {
    const xs = wordScramble({
      kind: "reversed-words",
      n: 5,
      seed: 0,
      words: ["alpha", "be"],
      minLength: 2,
      maxLength: 2,
    });
    expect(xs.every((t) => t.answer === "be" && t.prompt.endsWith("\neb ="))).toBe(true);
    expect(() => wordScramble({ kind: "anagrams1", n: 1, seed: 0, words: ["ab"] })).toThrow(/no word/);
  });
});
