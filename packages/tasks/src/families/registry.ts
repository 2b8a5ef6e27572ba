import { coinFlip } from "../cot/coin-flip.js";
import { lastLetterConcatenation } from "../cot/last-letters.js";
import { multistepArithmetic } from "../cot/multistep-arithmetic.js";
import { wordProblems } from "../cot/word-problems.js";
import { TaskError } from "../errors.js";
import {
  type ArithmeticOp,
  type ArithmeticStyle,
  arithmetic,
  compositeArithmetic,
  sumOfDigits,
} from "../gpt3/arithmetic.js";
import { UNSCRAMBLE_INSTRUCTION } from "../gpt3/format.js";
import type { ScrambleKind } from "../gpt3/scramble.js";
import { wordScramble } from "../gpt3/words.js";
import { type FunctionClass, functionClasses, functionRegression } from "../icl/function-classes.js";
import type { JsonValue, TaskInstance } from "../instance.js";
import { type ModularOperation, modularOperations } from "../modular/operations.js";
import { modularText } from "../modular/text.js";

/** One option of a family, for the CLI and `list`. */
export interface FamilyOption {
  /** The option's name (camelCase; the CLI flag is its kebab-case form). */
  readonly name: string;
  readonly type: "integer" | "number" | "string";
  readonly default: JsonValue;
  readonly choices?: readonly string[];
  readonly description: string;
}

/** A task family: a named, seeded generator with documented options. */
export interface Family {
  readonly name: string;
  readonly description: string;
  /** The paper or benchmark whose format it follows. */
  readonly source: string;
  readonly options: readonly FamilyOption[];
  /** Generate n instances; `options` holds validated values (defaults filled in). */
  generate(options: Readonly<Record<string, JsonValue>>, n: number, seed: number | string): TaskInstance[];
}

const int = (name: string, def: number, description: string): FamilyOption => ({
  name,
  type: "integer",
  default: def,
  description,
});
const num = (name: string, def: number, description: string): FamilyOption => ({
  name,
  type: "number",
  default: def,
  description,
});
const str = (
  name: string,
  def: string,
  choices: readonly string[] | undefined,
  description: string,
): FamilyOption => ({
  name,
  type: "string",
  default: def,
  ...(choices ? { choices } : {}),
  description,
});

const scrambleFamily = (kind: ScrambleKind, description: string): Family => ({
  name: kind,
  description,
  source: "Brown et al. 2020 (GPT-3), §3.9.2",
  options: [
    int("minLength", 5, "shortest word (GPT-3: more than 4 letters)"),
    int("maxLength", 14, "longest word (GPT-3: fewer than 15 letters)"),
    str("instruction", UNSCRAMBLE_INSTRUCTION, undefined, 'first line of the context ("" for none)'),
  ],
  generate: (o, n, seed) =>
    wordScramble({
      kind,
      n,
      seed,
      minLength: o.minLength as number,
      maxLength: o.maxLength as number,
      instruction: o.instruction as string,
    }),
});

/** Every task family the CLI and {@link generate} know. */
export const families: readonly Family[] = [
  {
    name: "arithmetic",
    description:
      "GPT-3 two-operand arithmetic: 'Q: What is 98 plus 45?' → ' 143', operands uniform over [0, 10^digits)",
    source: "Brown et al. 2020 (GPT-3), §3.9.1; openai/gpt-3 data files",
    options: [
      str("op", "add", ["add", "sub", "mul"], "operation"),
      int("digits", 2, "digits per operand (difficulty; GPT-3 used 2–5)"),
      str(
        "style",
        "gpt3",
        ["gpt3", "direct", "scratchpad"],
        "gpt3 Q/A, or Nye et al. 2021 spaced digits with a direct answer or a long-addition scratchpad (add only)",
      ),
    ],
    generate: (o, n, seed) =>
      arithmetic({
        op: o.op as ArithmeticOp,
        digits: o.digits as number,
        style: o.style as ArithmeticStyle,
        n,
        seed,
      }),
  },
  {
    name: "arithmetic-1dc",
    description: "GPT-3 one-digit composite: 'Q: What is (9 + 8) * 2?' → ' 34'",
    source: "Brown et al. 2020 (GPT-3), §3.9.1; single_digit_three_ops.jsonl",
    options: [int("digits", 1, "digits per operand"), int("minOperand", 1, "smallest operand (GPT-3: 1)")],
    generate: (o, n, seed) =>
      compositeArithmetic({ n, seed, digits: o.digits as number, minOperand: o.minOperand as number }),
  },
  {
    name: "sum-of-digits",
    description: "GPT-3 sum of digits: 'Q: What is the sum of the digits of the number 8606?' → ' 20'",
    source: "Brown et al. 2020 (GPT-3); sum_of_digits.jsonl",
    options: [int("digits", 4, "the number is uniform over [0, 10^digits)")],
    generate: (o, n, seed) => sumOfDigits({ n, seed, digits: o.digits as number }),
  },
  scrambleFamily("cycle-letters", "GPT-3 cycled letters: 'asinoc =' → ' casino'"),
  scrambleFamily("anagrams1", "GPT-3 anagrams of all but the first and last letter (A1)"),
  scrambleFamily("anagrams2", "GPT-3 anagrams of all but the first and last two letters (A2)"),
  scrambleFamily("random-insertion", "GPT-3 random insertion: 'r e!c.i p r o.c a/l =' → ' reciprocal'"),
  scrambleFamily("reversed-words", "GPT-3 reversed words: 'taefed =' → ' defeat'"),
  {
    name: "last-letters",
    description: "Last-letter concatenation with a chain-of-thought rationale",
    source: "Wei et al. 2022 (chain-of-thought), §5",
    options: [
      int("words", 2, "number of words (2 in-domain; 3, 4 out-of-domain)"),
      int("inDomainWords", 2, "exemplar length"),
    ],
    generate: (o, n, seed) =>
      lastLetterConcatenation({
        n,
        seed,
        words: o.words as number,
        inDomainWords: o.inDomainWords as number,
      }),
  },
  {
    name: "coin-flip",
    description: "Coin flip state tracking with a chain-of-thought rationale",
    source: "Wei et al. 2022 (chain-of-thought), §5",
    options: [
      int("steps", 2, "number of people (2 in-domain; 3, 4 out-of-domain)"),
      int("inDomainSteps", 2, "exemplar length"),
      num("flipProbability", 0.5, "probability each person flips"),
    ],
    generate: (o, n, seed) =>
      coinFlip({
        n,
        seed,
        steps: o.steps as number,
        inDomainSteps: o.inDomainSteps as number,
        flipProbability: o.flipProbability as number,
      }),
  },
  {
    name: "multistep-arithmetic",
    description: "BIG-Bench Hard multistep arithmetic '((n o n o n o n) o (…)) =' with depth and length",
    source: "Suzgun et al. 2022 (BBH), multistep_arithmetic_two",
    options: [
      int("depth", 2, "nesting depth (BBH: 2)"),
      int("length", 4, "numbers per innermost group (BBH: 4)"),
      int("maxAbs", 9, "numbers in [-maxAbs, maxAbs] (BBH: 9)"),
    ],
    generate: (o, n, seed) =>
      multistepArithmetic({
        n,
        seed,
        depth: o.depth as number,
        length: o.length as number,
        maxAbs: o.maxAbs as number,
      }),
  },
  {
    name: "word-problems",
    description: "Templated grade-school word problems with a generated step-by-step solution",
    source: "Cobbe et al. 2021 (GSM8K answer format '#### N'); Wei et al. 2022 ('The answer is N.')",
    options: [
      int("steps", 3, "operations after the start amount"),
      int("maxValue", 1000, "largest running total"),
      str("format", "gsm8k", ["gsm8k", "cot"], "answer format"),
    ],
    generate: (o, n, seed) =>
      wordProblems({
        n,
        seed,
        steps: o.steps as number,
        maxValue: o.maxValue as number,
        format: o.format as "gsm8k",
      }),
  },
  {
    name: "function-regression",
    description:
      "In-context regression over a function class, serialised as text, with baseline errors in meta",
    source: "Garg et al. 2022, 'What Can Transformers Learn In-Context?'",
    options: [
      str("kind", "linear", functionClasses, "function class"),
      int("dims", 5, "input dimension d"),
      int("points", 10, "in-context examples"),
      int("sparsity", 3, "non-zero weights (sparse-linear)"),
      int("depth", 4, "tree depth (decision-tree)"),
      int("hidden", 100, "hidden units (relu-net)"),
      int("decimals", 2, "decimals in the text"),
    ],
    generate: (o, n, seed) =>
      functionRegression({
        kind: o.kind as FunctionClass,
        n,
        seed,
        dims: o.dims as number,
        points: o.points as number,
        sparsity: o.sparsity as number,
        depth: o.depth as number,
        hidden: o.hidden as number,
        decimals: o.decimals as number,
      }),
  },
  {
    name: "modular",
    description: "Power et al. grokking equations as text: '3 + 5 (mod 7) =' → ' 1', from the seeded split",
    source: "Power et al. 2022, 'Grokking'",
    options: [
      str("op", "add", modularOperations, "operation"),
      int("p", 97, "modulus (prime for div and mixed; ignored for s5*)"),
      num("trainFraction", 0.5, "fraction of all equations in train"),
      str("split", "test", ["train", "test", "all"], "which split to emit"),
    ],
    generate: (o, n, seed) =>
      modularText({
        op: o.op as ModularOperation,
        p: o.p as number,
        trainFraction: o.trainFraction as number,
        split: o.split as "train",
        seed,
        n,
      }),
  },
];

/** The family named `name`, or a `UNKNOWN_FAMILY` error listing the known ones. */
export function family(name: string): Family {
  const f = families.find((x) => x.name === name);
  if (f === undefined) {
    throw new TaskError(
      "UNKNOWN_FAMILY",
      `unknown family "${name}"; known: ${families.map((x) => x.name).join(", ")}`,
    );
  }
  return f;
}

function coerce(f: Family, option: FamilyOption, value: unknown): JsonValue {
  const bad = (why: string) =>
    new TaskError(
      "INVALID_ARGUMENT",
      `${f.name}: option ${option.name} ${why}, got ${JSON.stringify(value)}`,
    );
  if (option.type === "string") {
    const s = String(value);
    if (option.choices && !option.choices.includes(s))
      throw bad(`must be one of ${option.choices.join(", ")}`);
    return s;
  }
  const v =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : Number.NaN;
  if (!Number.isFinite(v)) throw bad("must be a number");
  if (option.type === "integer" && !Number.isSafeInteger(v)) throw bad("must be an integer");
  return v;
}

/**
 * Generate instances of a family by name, validating options against its spec (unknown options are
 * refused, so a typo never silently falls back to a default).
 *
 * @example
 * ```ts
 * generate("arithmetic", { op: "sub", digits: 4 }, 10, 0);
 * ```
 */
export function generate(
  name: string,
  options: Readonly<Record<string, unknown>>,
  n: number,
  seed: number | string,
): TaskInstance[] {
  const f = family(name);
  const values: Record<string, JsonValue> = {};
  for (const option of f.options) {
    const given = options[option.name];
    values[option.name] = given === undefined ? option.default : coerce(f, option, given);
  }
  const unknown = Object.keys(options).filter(
    (k) => options[k] !== undefined && !f.options.some((o) => o.name === k),
  );
  if (unknown.length > 0) {
    throw new TaskError(
      "INVALID_ARGUMENT",
      `${f.name}: unknown option(s) ${unknown.join(", ")}; it takes ${f.options.map((o) => o.name).join(", ") || "none"}`,
    );
  }
  return f.generate(values, n, seed);
}
