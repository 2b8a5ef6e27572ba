import { describe, expect, it } from "vitest";
import {
  coinFlip,
  coinFlipProblem,
  evaluateExpression,
  explainExpression,
  extractAnswerIs,
  extractHashAnswer,
  lastLetterConcatenation,
  lastLetterProblem,
  type MultistepExpression,
  multistepArithmetic,
  renderExpression,
  wordProblems,
} from "../src/index.js";

describe("last-letter concatenation (Wei et al. 2022)", () => {
  it("reproduces the paper's exemplar format", () => {
    const p = lastLetterProblem(["Elon", "Musk"]);
    expect(p.prompt).toBe('Q: Take the last letters of the words in "Elon Musk" and concatenate them.\nA:');
    expect(p.rationale).toBe(
      'The last letter of "Elon" is "n". The last letter of "Musk" is "k". Concatenating them is "nk". The answer is nk.',
    );
    expect(p.answer).toBe("nk");
    // Wei et al. (2022), Table 22, verbatim.
    expect(lastLetterProblem(["Bill", "Gates"]).rationale).toBe(
      'The last letter of "Bill" is "l". The last letter of "Gates" is "s". Concatenating them is "ls". The answer is ls.',
    );
  });

  it("marks 2 words in-domain and longer lists out-of-domain", () => {
    const [a] = lastLetterConcatenation({ n: 1, seed: 0 });
    const xs = lastLetterConcatenation({ n: 20, seed: 0, words: 4 });
    expect(a?.meta.domain).toBe("in-domain");
    for (const t of xs) {
      const names = t.meta.names as string[];
      expect(names).toHaveLength(4);
      expect(t.meta.domain).toBe("out-of-domain");
      expect(t.answer).toBe(names.map((w) => w.at(-1)).join(""));
      expect(extractAnswerIs(t.target)).toBe(t.answer);
    }
  });
});

describe("coin flip (Wei et al. 2022)", () => {
  it("reproduces the paper's exemplar format for even and odd flips", () => {
    const even = coinFlipProblem([
      { name: "Ka", flips: true },
      { name: "Sherrie", flips: true },
    ]);
    expect(even.prompt).toBe(
      "Q: A coin is heads up. Ka flips the coin. Sherrie flips the coin. Is the coin still heads up?\nA:",
    );
    expect(even.rationale).toBe(
      "The coin was flipped by Ka and Sherrie. So the coin was flipped 2 times, which is an even number. " +
        "The coin started heads up, so after an even number of flips, it will still be heads up. So the answer is yes.",
    );
    const odd = coinFlipProblem([
      { name: "Maybelle", flips: true },
      { name: "Shalonda", flips: false },
    ]);
    // Wei et al. (2022), Table 23, verbatim.
    expect(odd.prompt).toBe(
      "Q: A coin is heads up. Maybelle flips the coin. Shalonda does not flip the coin. Is the coin still heads up?\nA:",
    );
    expect(odd.rationale).toBe(
      "The coin was flipped by Maybelle. So the coin was flipped 1 time, which is an odd number. " +
        "The coin started heads up, so after an odd number of flips, it will be tails up. So the answer is no.",
    );
    expect(odd.answer).toBe("no");
  });

  it("answers by parity over k steps with distinct names", () => {
    for (const t of coinFlip({ n: 50, seed: 3, steps: 4 })) {
      const flips = t.meta.flips as boolean[];
      expect(new Set(t.meta.names as string[]).size).toBe(4);
      expect(t.answer).toBe(flips.filter(Boolean).length % 2 === 0 ? "yes" : "no");
      expect(t.meta.domain).toBe("out-of-domain");
    }
    const answers = coinFlip({ n: 200, seed: 1 }).map((t) => t.answer);
    const yes = answers.filter((a) => a === "yes").length;
    expect(yes).toBeGreaterThan(70);
    expect(yes).toBeLessThan(130);
  });
});

describe("BBH multistep arithmetic", () => {
  const bbh: MultistepExpression = {
    kind: "node",
    left: { kind: "group", numbers: [-1, 2, 9, 5], operators: ["+", "+", "*"] },
    operator: "-",
    right: { kind: "group", numbers: [-2, -4, -4, -7], operators: ["+", "+", "*"] },
  };

  it("renders and evaluates a real BBH multistep_arithmetic_two input", () => {
    expect(`${renderExpression(bbh)} =`).toBe("((-1 + 2 + 9 * 5) - (-2 + -4 + -4 * -7)) =");
    expect(evaluateExpression(bbh)).toBe(24n);
    const r = explainExpression(bbh);
    expect(r).toBe(
      "Let's think step by step.\n(-1 + 2 + 9 * 5) = -1 + 2 + 45 = 46.\n(-2 + -4 + -4 * -7) = -2 + -4 + 28 = 22.\n(46 - 22) = 24.\nSo the answer is 24.",
    );
  });

  it("reproduces real BBH inputs and targets", () => {
    const golden: [string, string][] = [
      ["((-1 + 2 + 9 * 5) - (-2 + -4 + -4 * -7)) =", "24"],
      ["((-9 * -5 - 6 + -2) - (-8 - -6 * -3 * 1)) =", "63"],
      ["((3 * -3 * 6 + -5) - (-2 + -7 - 7 - -7)) =", "-50"],
      ["((6 * -6 * 8 * 1) * (-1 * 7 * -6 + -2)) =", "-11520"],
    ];
    const group = (text: string): MultistepExpression => {
      const tokens = text.split(" ");
      return {
        kind: "group",
        numbers: tokens.filter((_, i) => i % 2 === 0).map(Number),
        operators: tokens.filter((_, i) => i % 2 === 1) as ("+" | "-" | "*")[],
      };
    };
    for (const [input, target] of golden) {
      const m = /^\(\((.*)\) ([-+*]) \((.*)\)\) =$/.exec(input) as RegExpExecArray;
      const e: MultistepExpression = {
        kind: "node",
        left: group(m[1] as string),
        operator: m[2] as "+",
        right: group(m[3] as string),
      };
      expect(`${renderExpression(e)} =`).toBe(input);
      expect(evaluateExpression(e).toString()).toBe(target);
    }
  });

  it("generates BBH-shaped inputs whose answers match an independent evaluation", () => {
    for (const t of multistepArithmetic({ n: 100, seed: 4 })) {
      const input = t.meta.input as string;
      expect(input).toMatch(/^\(\(-?\d( [-+*] -?\d){3}\) [-+*] \(-?\d( [-+*] -?\d){3}\)\) =$/);
      // biome-ignore lint/security/noGlobalEval: trusted generated arithmetic as the reference.
      const reference = eval(input.replace(/ =$/, "")) as number;
      expect(Number(t.answer)).toBe(reference + 0); // + 0 turns -0 into 0
      expect(t.rationale?.endsWith(`So the answer is ${t.answer}.`)).toBe(true);
      expect(t.prompt).toBe(`Q: ${input}\nA:`);
    }
  });

  it("scales depth and length", () => {
    const [t] = multistepArithmetic({ n: 1, seed: 0, depth: 3, length: 2 });
    expect(String(t?.meta.input).match(/\(/g)?.length).toBe(7);
  });
});

describe("grade-school word problems", () => {
  it("end GSM8K solutions with #### N and CoT solutions with The answer is N.", () => {
    for (const t of wordProblems({ n: 30, seed: 9, steps: 4 })) {
      expect(t.prompt.startsWith("Question: ")).toBe(true);
      expect(t.prompt.endsWith("\nAnswer:")).toBe(true);
      expect(t.target.endsWith(`\n#### ${t.answer}`)).toBe(true);
      expect(extractHashAnswer(t.target)).toBe(t.answer);
      // Every calculator annotation is arithmetic that checks out.
      for (const [, expr, value] of t.target.matchAll(/<<([^=]+)=(-?\d+)>>/g)) {
        // biome-ignore lint/security/noGlobalEval: annotations are generated integer arithmetic.
        expect(eval(expr as string)).toBe(Number(value));
      }
      expect(t.target.split("\n")).toHaveLength(5);
    }
    for (const t of wordProblems({ n: 10, seed: 9, steps: 2, format: "cot" })) {
      expect(t.prompt.startsWith("Q: ")).toBe(true);
      expect(t.rationale?.endsWith(`The answer is ${t.answer}.`)).toBe(true);
      expect(extractAnswerIs(t.target)).toBe(t.answer);
    }
  });

  it("keeps the running total non-negative and within maxValue", () => {
    for (const t of wordProblems({ n: 50, seed: 2, steps: 8, maxValue: 200 })) {
      const values = [...t.target.matchAll(/>>(-?\d+)/g)].map((m) => Number(m[1]));
      expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...values)).toBeLessThanOrEqual(200);
    }
  });
});
