import { randomSource } from "@emerge/random";
import type { ModularSplit } from "@emerge/tasks";

/** Digit symbols of bases up to 36: 0–9 then a–z. */
const SYMBOLS = "0123456789abcdefghijklmnopqrstuvwxyz";

/** The written form of a digit vector (most significant digit first), e.g. [1, 30, 4] in base 31 → "1u4". */
export function writeDigits(digits: ArrayLike<number>, base: number): string {
  if (!Number.isInteger(base) || base < 2 || base > SYMBOLS.length) {
    throw new RangeError(`base must be an integer in [2, ${SYMBOLS.length}], got ${base}`);
  }
  let s = "";
  for (let i = 0; i < digits.length; i++) {
    const d = digits[i] as number;
    if (!Number.isInteger(d) || d < 0 || d >= base) throw new RangeError(`digit ${d} is not in [0, ${base})`);
    s += SYMBOLS[d];
  }
  return s;
}

/**
 * L-digit carry-less addition in base p: x ⊕ y adds digit by digit mod p with no carry, so each answer digit
 * is one modular-addition problem (x_k + y_k) mod p. A problem set lists, per problem and digit position, which
 * equation of a modular split that digit is.
 */
export interface DigitProblems {
  readonly base: number;
  readonly digits: number;
  readonly count: number;
  /** index[i · digits + k] = the split row that is digit k of problem i. */
  readonly index: Int32Array;
}

/** `count` problems of `digits` digits, each digit an equation drawn uniformly (seeded) from `split`. */
export function sampleProblems(
  split: ModularSplit,
  base: number,
  digits: number,
  count: number,
  seed: number | string,
): DigitProblems {
  if (!Number.isInteger(digits) || digits < 1)
    throw new RangeError(`digits must be an integer ≥ 1, got ${digits}`);
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be an integer ≥ 1, got ${count}`);
  if (split.size === 0) throw new RangeError("cannot draw digits from an empty split");
  const rng = randomSource(seed);
  const index = new Int32Array(count * digits);
  for (let i = 0; i < index.length; i++) index[i] = rng.int(split.size);
  return { base, digits, count, index };
}

/** The operands and the answer of problem `i` written in base p, plus the model's answer built from `predicted`. */
export function renderProblem(
  problems: DigitProblems,
  split: ModularSplit,
  predicted: Int32Array,
  i: number,
): { x: string; y: string; answer: string; prediction: string } {
  const { digits, base, index } = problems;
  const rows = Array.from(index.subarray(i * digits, (i + 1) * digits));
  const pick = (col: Int32Array) =>
    writeDigits(
      rows.map((r) => col[r] as number),
      base,
    );
  return { x: pick(split.a), y: pick(split.b), answer: pick(split.target), prediction: pick(predicted) };
}
