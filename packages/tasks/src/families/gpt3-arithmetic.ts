import { arithmetic, compositeArithmetic, sumOfDigits } from "../gpt3/arithmetic.js";
import type { TaskInstance } from "../task-instance.js";
import { choiceOption, defineFamily, integerOption } from "./define-family.js";

// The generators in gpt3/arithmetic.ts return plain instances; these name the meta they write (the
// family tests check every key and type against real output).
const typed = <N extends "arithmetic" | "arithmetic-1dc" | "sum-of-digits">(xs: readonly TaskInstance[]) =>
  xs as readonly TaskInstance[] as TaskInstance<N>[];

/**
 * GPT-3 two-operand arithmetic as a family: `op`, `digits`, `style` (GPT-3's Q/A, or Nye et al.'s
 * spaced digits with a direct answer or a long-addition scratchpad).
 *
 * @example
 * ```ts
 * arithmeticFamily.generate({ op: "add", digits: 3 }, 2, 0)[0]?.meta.digits; // 3
 * ```
 */
export const arithmeticFamily = defineFamily({
  name: "arithmetic",
  description:
    "GPT-3 two-operand arithmetic: 'Q: What is 98 plus 45?' → ' 143', operands uniform over [0, 10^digits)",
  source: "Brown et al. 2020 (GPT-3), §3.9.1; openai/gpt-3 data files",
  options: {
    op: choiceOption("add", ["add", "sub", "mul"], "operation"),
    digits: integerOption(2, "digits per operand (difficulty; GPT-3 used 2–5)"),
    style: choiceOption(
      "gpt3",
      ["gpt3", "direct", "scratchpad"],
      "gpt3 Q/A, or Nye et al. 2021 spaced digits with a direct answer or a long-addition scratchpad (add only)",
    ),
  },
  generate: (o, n, seed) =>
    typed<"arithmetic">(arithmetic({ op: o.op, digits: o.digits, style: o.style, n, seed })),
});

/**
 * GPT-3 one-digit composite arithmetic as a family: `digits`, `minOperand`.
 *
 * @example
 * ```ts
 * compositeArithmeticFamily.generate({ digits: 1, minOperand: 1 }, 1, 0)[0]?.meta.o1; // "+", "-" or "*"
 * ```
 */
export const compositeArithmeticFamily = defineFamily({
  name: "arithmetic-1dc",
  description: "GPT-3 one-digit composite: 'Q: What is (9 + 8) * 2?' → ' 34'",
  source: "Brown et al. 2020 (GPT-3), §3.9.1; single_digit_three_ops.jsonl",
  options: {
    digits: integerOption(1, "digits per operand"),
    minOperand: integerOption(1, "smallest operand (GPT-3: 1)"),
  },
  generate: (o, n, seed) =>
    typed<"arithmetic-1dc">(compositeArithmetic({ n, seed, digits: o.digits, minOperand: o.minOperand })),
});

/**
 * GPT-3 sum of digits as a family: `digits`.
 *
 * @example
 * ```ts
 * sumOfDigitsFamily.generate({ digits: 4 }, 1, 0)[0]?.meta.x; // e.g. "8606"
 * ```
 */
export const sumOfDigitsFamily = defineFamily({
  name: "sum-of-digits",
  description: "GPT-3 sum of digits: 'Q: What is the sum of the digits of the number 8606?' → ' 20'",
  source: "Brown et al. 2020 (GPT-3); sum_of_digits.jsonl",
  options: { digits: integerOption(4, "the number is uniform over [0, 10^digits)") },
  generate: (o, n, seed) => typed<"sum-of-digits">(sumOfDigits({ n, seed, digits: o.digits })),
});
