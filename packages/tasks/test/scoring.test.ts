import { describe, expect, it } from "vitest";
import {
  arithmetic,
  bootstrapMean,
  brierScore,
  coinFlip,
  exactMatch,
  extractAnswerIs,
  extractFirstNumber,
  extractHashAnswer,
  extractLastNumber,
  kojimaAnswerTrigger,
  kojimaCleanse,
  kojimaPrompts,
  lastLetterConcatenation,
  multipleChoiceGrade,
  scoreOutput,
  summarize,
  TaskError,
  tokenAccuracy,
  tokenEditDistance,
  whitespaceTokenizer,
  wordProblems,
} from "../src/index.js";

describe("exact match with lm-eval options", () => {
  it("compares exactly by default and normalises on request", () => {
    expect(exactMatch(" 143", " 143")).toBe(1);
    expect(exactMatch("143", " 143")).toBe(0);
    expect(exactMatch("The Answer!", "the answer", { ignoreCase: true, ignorePunctuation: true })).toBe(1);
    expect(exactMatch("abc123", "abc", { ignoreNumbers: true })).toBe(1);
    expect(exactMatch("Answer: 12\n", "12", { regexesToIgnore: ["^Answer: ", "\\n"] })).toBe(1);
    expect(exactMatch("a,b", "ab", { regexesToIgnore: [/,/] })).toBe(1);
    expect(() => exactMatch("a", "a", { regexesToIgnore: ["("] })).toThrow(TaskError);
  });
});

describe("answer extraction", () => {
  it("pulls 'The answer is X', '#### X', first and last numbers", () => {
    expect(extractAnswerIs("So 3 + 4 = 7. The answer is 7.")).toBe("7");
    expect(extractAnswerIs("the answer is yes. Then more. So the answer is no.")).toBe("no");
    expect(extractAnswerIs('The answer is "nk".')).toBe('"nk"');
    expect(extractAnswerIs("no phrase")).toBeUndefined();
    expect(extractHashAnswer("a\n#### 1,234")).toBe("1234");
    expect(extractHashAnswer("#### -5")).toBe("-5");
    expect(extractFirstNumber("I have $1,200.50 and 3 cats")).toBe("1200.5");
    expect(extractLastNumber("from 3 to -41.")).toBe("-41");
    expect(extractLastNumber("nothing")).toBeUndefined();
  });

  it("implements Kojima et al.'s two-stage prompts and answer cleansing", () => {
    const s = kojimaPrompts("Q: What is 2 + 3?", "numeral");
    expect(s.reasoning).toBe("Q: What is 2 + 3?\nA: Let's think step by step.");
    expect(s.extraction(" 2 plus 3 is 5.")).toBe(
      "Q: What is 2 + 3?\nA: Let's think step by step. 2 plus 3 is 5.\nTherefore, the answer (arabic numerals) is",
    );
    expect(kojimaAnswerTrigger("yes-no")).toBe("Therefore, the answer (Yes or No) is");
    expect(kojimaAnswerTrigger("multiple-choice")).toBe("Therefore, among A through E, the answer is");
    expect(kojimaCleanse(" 1,234 apples, not 5.", "numeral")).toBe("1234");
    expect(kojimaCleanse(" 7.", "numeral")).toBe("7");
    expect(kojimaCleanse(' "Yes", it is.', "yes-no")).toBe("yes");
    expect(kojimaCleanse(" (C) because B is wrong", "multiple-choice")).toBe("C");
    expect(kojimaCleanse(' "nk".', "letters")).toBe("nk");
    expect(kojimaCleanse("first 3 then 4. The answer is 12 or 13", "numeral", { fewShot: true })).toBe("12");
    expect(kojimaCleanse("first 3 then 4", "numeral", { fewShot: true })).toBe("4");
    expect(kojimaCleanse("no numbers", "numeral")).toBe("");
  });
});

describe("continuous metrics", () => {
  it("token edit distance with a pluggable tokenizer", () => {
    expect(tokenEditDistance("1234", "1243")).toBe(2);
    expect(tokenEditDistance("", "abc")).toBe(3);
    expect(tokenEditDistance("kitten", "sitting")).toBe(3);
    expect(tokenEditDistance("a b c", "a c", whitespaceTokenizer)).toBe(1);
    expect(tokenEditDistance("x", "y", (t) => [t.length > 0 ? "same" : ""])).toBe(0);
  });

  it("per-token (digit) accuracy aligned from the right", () => {
    expect(tokenAccuracy("1234", "1234")).toBe(1);
    expect(tokenAccuracy("1243", "1234")).toBe(0.5);
    expect(tokenAccuracy("234", "1234")).toBe(0.75);
    expect(tokenAccuracy("91234", "1234")).toBe(1);
    expect(tokenAccuracy("", "")).toBe(1);
  });

  it("Brier score and multiple-choice grade from option log-probabilities", () => {
    expect(brierScore([Math.log(0.7), Math.log(0.2), Math.log(0.1)], 0)).toBeCloseTo(0.14, 12);
    // Log-probabilities are renormalised over the options.
    expect(brierScore([Math.log(0.35), Math.log(0.1), Math.log(0.05)], 0)).toBeCloseTo(0.14, 12);
    expect(brierScore([0, Number.NEGATIVE_INFINITY], 1)).toBeCloseTo(2, 12);
    expect(multipleChoiceGrade([-1.2, -0.3, -2], 1)).toBe(1);
    expect(multipleChoiceGrade([-0.3, -0.3], 0)).toBe(0);
    expect(() => brierScore([], 0)).toThrow(TaskError);
    expect(() => brierScore([0, Number.NaN], 0)).toThrow(/numbers/);
    expect(() => multipleChoiceGrade([0, 1], 2)).toThrow(/correct/);
  });
});

describe("scoring instances", () => {
  it("auto-scores GPT-3 completions by their first line and CoT rationales by their stated answer", () => {
    const [a] = arithmetic({ op: "add", digits: 3, n: 1, seed: 0 });
    if (!a) throw new Error();
    expect(scoreOutput(a, `${a.target}\n\nQ: next`).metrics).toEqual({
      exact_match: 1,
      token_accuracy: 1,
      edit_distance: 0,
    });
    const wrong = scoreOutput(a, " 0");
    expect(wrong.metrics.exact_match).toBe(0);
    const [w] = wordProblems({ n: 1, seed: 0 });
    if (!w) throw new Error();
    expect(scoreOutput(w, w.target).metrics.exact_match).toBe(1);
    const [c] = coinFlip({ n: 1, seed: 0 });
    if (!c) throw new Error();
    expect(scoreOutput(c, c.target).metrics.exact_match).toBe(1);
    expect(scoreOutput(c, "So the answer is Yes.").extracted.toLowerCase()).toBe("yes");
    const [l] = lastLetterConcatenation({ n: 1, seed: 0 });
    if (!l) throw new Error();
    expect(scoreOutput(l, l.target).metrics.exact_match).toBe(1);
    expect(scoreOutput(a, "blah 7 then 12", "last-number").extracted).toBe("12");
    expect(() => scoreOutput(a, "x", "nope" as "auto")).toThrow(TaskError);
  });
});

describe("summary statistics", () => {
  it("bootstrap CIs bracket the mean, narrow with n, and are seeded", () => {
    const small = bootstrapMean([1, 0, 1, 1, 0, 1, 0, 1], { seed: 1 });
    expect(small.mean).toBe(0.625);
    expect(small.lo).toBeLessThan(0.625);
    expect(small.hi).toBeGreaterThan(0.625);
    expect(bootstrapMean([1, 0, 1, 1, 0, 1, 0, 1], { seed: 1 })).toEqual(small);
    const big = bootstrapMean(
      Array.from({ length: 800 }, (_, i) => (i % 8 < 5 ? 1 : 0)),
      { seed: 1 },
    );
    expect(big.hi - big.lo).toBeLessThan(small.hi - small.lo);
    // Normal approximation: half-width ≈ 1.96·sqrt(p(1−p)/n) = 0.0335.
    expect((big.hi - big.lo) / 2).toBeGreaterThan(0.028);
    expect((big.hi - big.lo) / 2).toBeLessThan(0.04);
    expect(bootstrapMean([]).n).toBe(0);
    expect(() => bootstrapMean([1, Number.NaN])).toThrow(TaskError);
  });

  it("groups by task and difficulty", () => {
    const groups = summarize([
      { family: "arithmetic", difficulty: { digits: 3 }, metrics: { exact_match: 1 } },
      { family: "arithmetic", difficulty: { digits: 2 }, metrics: { exact_match: 0 } },
      { family: "arithmetic", difficulty: { digits: 2 }, metrics: { exact_match: 1 } },
      { family: "coin-flip", difficulty: { steps: 2 }, metrics: { exact_match: 1 } },
    ]);
    expect(groups.map((g) => [g.family, g.difficulty, g.n, g.metrics.exact_match?.mean])).toEqual([
      ["arithmetic", { digits: 2 }, 2, 0.5],
      ["arithmetic", { digits: 3 }, 1, 1],
      ["coin-flip", { steps: 2 }, 1, 1],
    ]);
  });

  it("keeps groups apart when difficulty is not an object (it merged them all before)", () => {
    const groups = summarize([
      { family: "f", difficulty: 2, metrics: { exact_match: 1 } },
      { family: "f", difficulty: 3, metrics: { exact_match: 0 } },
      { family: "f", difficulty: 3, metrics: { exact_match: 0 } },
      { family: "f", difficulty: "hard", metrics: { exact_match: 1 } },
      { family: "f", metrics: { exact_match: 1 } },
    ]);
    expect(groups.map((g) => [g.group.difficulty, g.n])).toEqual([
      [2, 1],
      [3, 2],
      ["hard", 1],
      [null, 1],
    ]);
  });

  it("groups by any meta field and by model size, numbers in numeric order", () => {
    const records = [125e6, 1.3e9, 13e9, 125e6].flatMap((size, i) => [
      {
        family: "arithmetic",
        model: `m${i}`,
        meta: { modelSize: size, digits: 2 },
        metrics: { exact_match: i % 2 },
      },
      {
        family: "coin-flip",
        model: `m${i}`,
        meta: { modelSize: size, steps: 3 },
        metrics: { exact_match: 1 },
      },
    ]);
    const bySize = summarize(records, { groupBy: ["meta.modelSize"] });
    expect(bySize.map((g) => [g.group["meta.modelSize"], g.n])).toEqual([
      [125e6, 4],
      [1.3e9, 2],
      [13e9, 2],
    ]);
    expect(bySize[0]?.family).toBe("*"); // several families in one group
    const byFamilyAndDigits = summarize(records, { groupBy: ["family", "meta.digits"] });
    expect(byFamilyAndDigits.map((g) => [g.family, g.group["meta.digits"], g.n])).toEqual([
      ["arithmetic", 2, 4],
      ["coin-flip", null, 4],
    ]);
    expect(() => summarize(records, { groupBy: ["meta..x"] })).toThrow(TaskError);
    expect(() => summarize([{ family: 3, metrics: {} } as never])).toThrow(/records\[0\]\.family/);
  });
});
