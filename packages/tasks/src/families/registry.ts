import { TaskError } from "../errors.js";
import type { FamilyName, JsonValue, TaskInstance } from "../instance.js";
import {
  coinFlipFamily,
  lastLettersFamily,
  multistepArithmeticFamily,
  wordProblemsFamily,
} from "./chain-of-thought.js";
import type { Family, FamilyOption } from "./define-family.js";
import { functionRegressionFamily } from "./function-regression.js";
import { arithmeticFamily, compositeArithmeticFamily, sumOfDigitsFamily } from "./gpt3-arithmetic.js";
import { modularFamily } from "./modular.js";
import {
  anagrams1Family,
  anagrams2Family,
  cycleLettersFamily,
  randomInsertionFamily,
  reversedWordsFamily,
} from "./word-scramble.js";

export type { Family, FamilyOption } from "./define-family.js";

/**
 * Every task family the CLI and {@link generate} know, in `list` order. Each is declared, with its
 * typed options and defaults, in its own file under `families/`; this list only names them.
 */
export const families: readonly Family[] = [
  arithmeticFamily,
  compositeArithmeticFamily,
  sumOfDigitsFamily,
  cycleLettersFamily,
  anagrams1Family,
  anagrams2Family,
  randomInsertionFamily,
  reversedWordsFamily,
  lastLettersFamily,
  coinFlipFamily,
  multistepArithmeticFamily,
  wordProblemsFamily,
  functionRegressionFamily,
  modularFamily,
] satisfies readonly Family<FamilyName>[];

/** The family named `name`, or a `UNKNOWN_FAMILY` error listing the known ones. */
export function family<N extends FamilyName>(name: N | (string & {})): Family<N> {
  const f = families.find((x) => x.name === name) as Family<N> | undefined;
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
 * refused, so a typo never silently falls back to a default). With a literal name the instances are
 * typed: `generate("arithmetic", …)[0].meta.digits` is a number.
 *
 * @example
 * ```ts
 * generate("arithmetic", { op: "sub", digits: 4 }, 10, 0);
 * ```
 */
export function generate<N extends FamilyName>(
  name: N | (string & {}),
  options: Readonly<Record<string, unknown>>,
  n: number,
  seed: number | string,
): TaskInstance<N>[] {
  const f = family<N>(name);
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
