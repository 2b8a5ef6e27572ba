import { TaskError } from "../errors.js";
import type { GenerateOptions, InstanceOf, Meta } from "../instance.js";
import { checkGenerate, checkInteger, instanceRandom, uniformDigits } from "../random.js";
import { gpt3Completion, gpt3Question } from "./format.js";
import { MAX_SCRATCHPAD_DIGITS, scratchpadAddition } from "./scratchpad.js";

/** The meta of an `arithmetic` instance: the operation, the difficulty and the operands (as decimal text). */
export type ArithmeticMeta = {
  readonly op: ArithmeticOp;
  readonly digits: number;
  readonly a: string;
  readonly b: string;
  /** Only for Nye et al.'s styles (the GPT-3 style keeps its meta unchanged). */
  readonly style?: Exclude<ArithmeticStyle, "gpt3">;
};

/** The meta of an `arithmetic-1dc` instance: `(a o1 b) o2 c`, operands as decimal text. */
export type CompositeArithmeticMeta = {
  readonly digits: number;
  readonly minOperand: number;
  readonly a: string;
  readonly o1: CompositeOperator;
  readonly b: string;
  readonly o2: CompositeOperator;
  readonly c: string;
};

/** The meta of a `sum-of-digits` instance: the difficulty and the number (as decimal text). */
export type SumOfDigitsMeta = { readonly digits: number; readonly x: string };

/** The two-operand GPT-3 arithmetic operations. */
export type ArithmeticOp = "add" | "sub" | "mul";

const words: Record<ArithmeticOp, string> = { add: "plus", sub: "minus", mul: "times" };

/** The largest operand length accepted: results are exact BigInts, so this only bounds prompt size. */
export const MAX_DIGITS = 1000;

/** The prompt/target pair of `a op b` in the GPT-3 format. */
export interface ArithmeticProblem {
  /** The exact context, e.g. `"\n\nQ: What is 98 plus 45?\n\nA:"`. */
  readonly prompt: string;
  /** The exact completion, e.g. `" 143"`. */
  readonly target: string;
  /** The answer without the leading space. */
  readonly answer: string;
}

/**
 * Format `a op b` exactly as the GPT-3 arithmetic files do.
 *
 * @example
 * ```ts
 * arithmeticProblem("add", 98n, 45n); // { prompt: "\n\nQ: What is 98 plus 45?\n\nA:", target: " 143", answer: "143" }
 * ```
 */
export function arithmeticProblem(op: ArithmeticOp, a: bigint, b: bigint): ArithmeticProblem {
  const value = op === "add" ? a + b : op === "sub" ? a - b : a * b;
  const answer = value.toString();
  return { prompt: gpt3Question(`${a} ${words[op]} ${b}`), target: gpt3Completion(answer), answer };
}

/** Options of {@link arithmetic}. */
export interface ArithmeticOptions extends GenerateOptions {
  /** The operation: GPT-3 used add and sub for 2–5 digits and mul for 2 digits. */
  op: ArithmeticOp;
  /** Operands are uniform over [0, 10^digits): the difficulty knob (GPT-3: 2–5; any 1–1000 here). */
  digits: number;
  /**
   * The text style: `"gpt3"` (default, Brown et al.'s Q/A files), or Nye et al. (2021)'s spaced digits
   * with a direct answer (`"direct"`) or the long-addition scratchpad as the target (`"scratchpad"`;
   * add only, at most 100 digits). See `scratchpadAddition`.
   */
  style?: ArithmeticStyle;
}

/** The text styles of {@link arithmetic}. */
export type ArithmeticStyle = "gpt3" | "direct" | "scratchpad";
const arithmeticStyles: readonly ArithmeticStyle[] = ["gpt3", "direct", "scratchpad"];

/**
 * GPT-3 two-operand arithmetic (2D+, 2D−, 3D+, …, 5D−, 2D×) with the number of digits free.
 *
 * @example
 * ```ts
 * const [first] = arithmetic({ op: "add", digits: 7, n: 1, seed: 0 });
 * first.prompt; // "\n\nQ: What is 8966054 plus 6380001?\n\nA:"
 * ```
 */
export function arithmetic(options: ArithmeticOptions): InstanceOf<Meta, string>[] {
  const { op, digits, n, seed, style = "gpt3" } = options;
  if (!(op in words))
    throw new TaskError("UNKNOWN_OPERATION", `op must be add, sub or mul, got "${String(op)}"`);
  if (!arithmeticStyles.includes(style))
    throw new TaskError(
      "INVALID_ARGUMENT",
      `style must be gpt3, direct or scratchpad, got "${String(style)}"`,
    );
  if (style !== "gpt3" && op !== "add")
    throw new TaskError(
      "INVALID_ARGUMENT",
      `style "${style}" (Nye et al.) is defined for op add only, got "${op}"`,
    );
  checkInteger("digits", digits, 1, style === "gpt3" ? MAX_DIGITS : MAX_SCRATCHPAD_DIGITS);
  checkGenerate(n, seed);
  const out: InstanceOf<Meta, string>[] = [];
  for (let i = 0; i < n; i++) {
    const rng = instanceRandom("arithmetic", seed, i);
    const a = uniformDigits(rng, digits);
    const b = uniformDigits(rng, digits);
    // The operands depend only on (seed, i), so the three styles pose the same problems.
    const meta = { op, digits, a: a.toString(), b: b.toString() };
    if (style === "gpt3") {
      out.push({ id: `arithmetic/${seed}/${i}`, family: "arithmetic", ...arithmeticProblem(op, a, b), meta });
    } else {
      const s = scratchpadAddition(a, b);
      const target = style === "scratchpad" ? s.scratchpadTarget : s.directTarget;
      out.push({
        id: `arithmetic/${seed}/${i}`,
        family: "arithmetic",
        prompt: s.prompt,
        target,
        answer: s.answer,
        ...(style === "scratchpad" ? { rationale: target } : {}),
        meta: { ...meta, style },
      });
    }
  }
  return out;
}

/** The operators of the one-digit composite task (1DC). */
export type CompositeOperator = "+" | "-" | "*";
const operators: readonly CompositeOperator[] = ["+", "-", "*"];

function applyOperator(o: CompositeOperator, x: bigint, y: bigint): bigint {
  return o === "+" ? x + y : o === "-" ? x - y : x * y;
}

/**
 * Format `(a o1 b) o2 c` exactly as GPT-3's single_digit_three_ops file does.
 *
 * @example
 * ```ts
 * compositeProblem(9n, "+", 8n, "*", 2n).target; // " 34"
 * ```
 */
export function compositeProblem(
  a: bigint,
  o1: CompositeOperator,
  b: bigint,
  o2: CompositeOperator,
  c: bigint,
): ArithmeticProblem {
  const answer = applyOperator(o2, applyOperator(o1, a, b), c).toString();
  return { prompt: gpt3Question(`(${a} ${o1} ${b}) ${o2} ${c}`), target: gpt3Completion(answer), answer };
}

/** Options of {@link compositeArithmetic}. */
export interface CompositeArithmeticOptions extends GenerateOptions {
  /** Operands are uniform over [minOperand, 10^digits − 1]; GPT-3 used one digit, 1–9. */
  digits?: number;
  /** The smallest operand (GPT-3's file never contains 0, so the default is 1). */
  minOperand?: number;
}

/**
 * GPT-3 one-digit composite arithmetic (1DC): `(a o b) o c` with o ∈ {+, −, ×}.
 *
 * @example
 * ```ts
 * compositeArithmetic({ n: 2, seed: 1 }).map((t) => t.prompt);
 * ```
 */
export function compositeArithmetic(options: CompositeArithmeticOptions): InstanceOf<Meta, string>[] {
  const { n, seed, digits = 1, minOperand = 1 } = options;
  checkInteger("digits", digits, 1, MAX_DIGITS);
  checkGenerate(n, seed);
  const max = 10n ** BigInt(digits) - 1n;
  if (!Number.isSafeInteger(minOperand) || minOperand < 0 || BigInt(minOperand) > max) {
    throw new TaskError(
      "INVALID_ARGUMENT",
      `minOperand must be an integer in [0, ${max}], got ${String(minOperand)}`,
    );
  }
  const out: InstanceOf<Meta, string>[] = [];
  for (let i = 0; i < n; i++) {
    const rng = instanceRandom("arithmetic-1dc", seed, i);
    // Rejection keeps operands uniform over [minOperand, max].
    const draw = (): bigint => {
      for (;;) {
        const v = uniformDigits(rng, digits);
        if (v >= BigInt(minOperand)) return v;
      }
    };
    const a = draw();
    const o1 = rng.choice(operators);
    const b = draw();
    const o2 = rng.choice(operators);
    const c = draw();
    out.push({
      id: `arithmetic-1dc/${seed}/${i}`,
      family: "arithmetic-1dc",
      ...compositeProblem(a, o1, b, o2, c),
      meta: { digits, minOperand, a: a.toString(), o1, b: b.toString(), o2, c: c.toString() },
    });
  }
  return out;
}

/**
 * Format the GPT-3 sum-of-digits question for `x`.
 *
 * @example
 * ```ts
 * sumOfDigitsProblem(8606n).target; // " 20"
 * ```
 */
export function sumOfDigitsProblem(x: bigint): ArithmeticProblem {
  let sum = 0;
  for (const ch of x.toString()) sum += Number(ch);
  const answer = String(sum);
  return {
    prompt: gpt3Question(`the sum of the digits of the number ${x}`),
    target: gpt3Completion(answer),
    answer,
  };
}

/** Options of {@link sumOfDigits}. */
export interface SumOfDigitsOptions extends GenerateOptions {
  /** The number is uniform over [0, 10^digits); GPT-3 used 4. */
  digits?: number;
}

/**
 * GPT-3 sum of digits: "What is the sum of the digits of the number 8606?" → " 20".
 *
 * @example
 * ```ts
 * sumOfDigits({ n: 3, seed: 0, digits: 6 });
 * ```
 */
export function sumOfDigits(options: SumOfDigitsOptions): InstanceOf<Meta, string>[] {
  const { n, seed, digits = 4 } = options;
  checkInteger("digits", digits, 1, MAX_DIGITS);
  checkGenerate(n, seed);
  const out: InstanceOf<Meta, string>[] = [];
  for (let i = 0; i < n; i++) {
    const x = uniformDigits(instanceRandom("sum-of-digits", seed, i), digits);
    out.push({
      id: `sum-of-digits/${seed}/${i}`,
      family: "sum-of-digits",
      ...sumOfDigitsProblem(x),
      meta: { digits, x: x.toString() },
    });
  }
  return out;
}
