import { coinFlip } from "../cot/coin-flip.js";
import { lastLetterConcatenation } from "../cot/last-letters.js";
import { multistepArithmetic } from "../cot/multistep-arithmetic.js";
import { wordProblems } from "../cot/word-problems.js";
import { choiceOption, defineFamily, integerOption, numberOption } from "./define-family.js";

/**
 * Last-letter concatenation (Wei et al.) as a family: `words`, `inDomainWords`.
 *
 * @example
 * ```ts
 * lastLettersFamily.generate({ words: 3, inDomainWords: 2 }, 1, 0)[0]?.meta.domain; // "out-of-domain"
 * ```
 */
export const lastLettersFamily = defineFamily({
  name: "last-letters",
  description: "Last-letter concatenation with a chain-of-thought rationale",
  source: "Wei et al. 2022 (chain-of-thought), §5",
  options: {
    words: integerOption(2, "number of words (2 in-domain; 3, 4 out-of-domain)"),
    inDomainWords: integerOption(2, "exemplar length"),
  },
  generate: (o, n, seed) =>
    lastLetterConcatenation({ n, seed, words: o.words, inDomainWords: o.inDomainWords }),
});

/**
 * Coin-flip state tracking (Wei et al.) as a family: `steps`, `inDomainSteps`, `flipProbability`.
 *
 * @example
 * ```ts
 * coinFlipFamily.generate({ steps: 2, inDomainSteps: 2, flipProbability: 0.5 }, 1, 0)[0]?.meta.flips; // boolean[]
 * ```
 */
export const coinFlipFamily = defineFamily({
  name: "coin-flip",
  description: "Coin flip state tracking with a chain-of-thought rationale",
  source: "Wei et al. 2022 (chain-of-thought), §5",
  options: {
    steps: integerOption(2, "number of people (2 in-domain; 3, 4 out-of-domain)"),
    inDomainSteps: integerOption(2, "exemplar length"),
    flipProbability: numberOption(0.5, "probability each person flips"),
  },
  generate: (o, n, seed) =>
    coinFlip({ n, seed, steps: o.steps, inDomainSteps: o.inDomainSteps, flipProbability: o.flipProbability }),
});

/**
 * BIG-Bench Hard multistep arithmetic as a family: `depth`, `length`, `maxAbs`.
 *
 * @example
 * ```ts
 * multistepArithmeticFamily.generate({ depth: 2, length: 4, maxAbs: 9 }, 1, 0)[0]?.meta.input; // "((…) * (…)) ="
 * ```
 */
export const multistepArithmeticFamily = defineFamily({
  name: "multistep-arithmetic",
  description: "BIG-Bench Hard multistep arithmetic '((n o n o n o n) o (…)) =' with depth and length",
  source: "Suzgun et al. 2022 (BBH), multistep_arithmetic_two",
  options: {
    depth: integerOption(2, "nesting depth (BBH: 2)"),
    length: integerOption(4, "numbers per innermost group (BBH: 4)"),
    maxAbs: integerOption(9, "numbers in [-maxAbs, maxAbs] (BBH: 9)"),
  },
  generate: (o, n, seed) =>
    multistepArithmetic({ n, seed, depth: o.depth, length: o.length, maxAbs: o.maxAbs }),
});

/**
 * Templated grade-school word problems as a family: `steps`, `maxValue`, `format`.
 *
 * @example
 * ```ts
 * wordProblemsFamily.generate({ steps: 3, maxValue: 1000, format: "cot" }, 1, 0)[0]?.meta.format; // "cot"
 * ```
 */
export const wordProblemsFamily = defineFamily({
  name: "word-problems",
  description: "Templated grade-school word problems with a generated step-by-step solution",
  source: "Cobbe et al. 2021 (GSM8K answer format '#### N'); Wei et al. 2022 ('The answer is N.')",
  options: {
    steps: integerOption(3, "operations after the start amount"),
    maxValue: integerOption(1000, "largest running total"),
    format: choiceOption("gsm8k", ["gsm8k", "cot"], "answer format"),
  },
  generate: (o, n, seed) => wordProblems({ n, seed, steps: o.steps, maxValue: o.maxValue, format: o.format }),
});
