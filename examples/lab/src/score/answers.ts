import { tokenEditDistance } from "@emerge/tasks";

/** One held-out addition problem and what a model answered. */
export interface AnsweredProblem {
  readonly a: string;
  readonly b: string;
  /** The model's answer digits (no spaces), `""` when it produced none. */
  readonly predicted: string;
}

/**
 * Scores of one model on L-digit additions, per answer digit position (position 0 = units, L = the
 * final carry) and per carry-chain length.
 */
export interface AnswerScores {
  readonly problems: number;
  /** Answer positions scored: L + 1 (the sum of two L-digit numbers has up to L + 1 digits). */
  readonly positions: number;
  /** Fraction of problems whose whole answer is right. */
  readonly exactMatch: number;
  /** Accuracy at each position, units first: both answers zero-padded to L + 1 digits, right-aligned. */
  readonly positionAccuracy: readonly number[];
  /** Mean of positionAccuracy. */
  readonly perDigitAccuracy: number;
  /** Π positionAccuracy: the exact match that independent position errors would give. */
  readonly productOfPositions: number;
  /** Mean Levenshtein distance, in digits, between the predicted and the right answer. */
  readonly editDistance: number;
  /**
   * Accuracy of answer digits by the length of the carry chain that ends in them (0 = no carry in,
   * 1 = a carry from the column below only, k = k consecutive carrying columns below). `correct[k]` /
   * `total[k]` digits.
   */
  readonly carryChain: { readonly correct: readonly number[]; readonly total: readonly number[] };
}

/**
 * The carry-chain length entering each answer position of `a + b` (units first, L + 1 entries): the
 * number of consecutive columns directly below that produced a carry.
 *
 * @example
 * ```ts
 * carryChains("999", "1"); // [0, 1, 2, 3]: the units carry ripples three columns up
 * ```
 */
export function carryChains(a: string, b: string): number[] {
  const width = Math.max(a.length, b.length);
  const x = a.padStart(width, "0");
  const y = b.padStart(width, "0");
  const out = [0];
  let carry = 0;
  let chain = 0;
  for (let i = width - 1; i >= 0; i--) {
    const sum = Number(x[i]) + Number(y[i]) + carry;
    carry = sum >= 10 ? 1 : 0;
    chain = carry ? chain + 1 : 0;
    out.push(chain);
  }
  return out;
}

/**
 * Score answers to additions: exact match, per-position accuracy and its product, token edit distance
 * and accuracy by carry-chain length. Every problem must have operands of at most `digits` digits.
 *
 * @example
 * ```ts
 * const s = scoreAnswers([{ a: "29", b: "57", predicted: "86" }, { a: "15", b: "15", predicted: "20" }], 2);
 * s.exactMatch; // 0.5
 * s.positionAccuracy; // [0.5, 1, 1]: only the units of 15 + 15 are wrong
 * ```
 */
export function scoreAnswers(answered: readonly AnsweredProblem[], digits: number): AnswerScores {
  if (!Number.isInteger(digits) || digits < 1 || digits > 100)
    throw new RangeError(`digits must be an integer in [1, 100], got ${digits}`);
  if (answered.length === 0) throw new RangeError("need at least one answered problem");
  const positions = digits + 1;
  const positionCorrect = new Array<number>(positions).fill(0);
  const chainCorrect: number[] = [];
  const chainTotal: number[] = [];
  let exact = 0;
  let edit = 0;
  for (const p of answered) {
    if (p.a.length > digits || p.b.length > digits)
      throw new RangeError(`operands ${p.a} + ${p.b} have more than ${digits} digits`);
    const truth = (BigInt(p.a) + BigInt(p.b)).toString();
    if (p.predicted === truth) exact++;
    edit += tokenEditDistance(p.predicted, truth);
    // Right-aligned comparison: a missing digit is wrong unless the truth has a leading zero there.
    const t = truth.padStart(positions, "0");
    const q = p.predicted.length > positions ? p.predicted : p.predicted.padStart(positions, "0");
    const chains = carryChains(p.a, p.b);
    for (let k = 0; k < positions; k++) {
      const ok = t[t.length - 1 - k] === q[q.length - 1 - k] ? 1 : 0;
      positionCorrect[k] = (positionCorrect[k] as number) + ok;
      const c = chains[k] ?? 0;
      while (chainTotal.length <= c) {
        chainTotal.push(0);
        chainCorrect.push(0);
      }
      chainTotal[c] = (chainTotal[c] as number) + 1;
      chainCorrect[c] = (chainCorrect[c] as number) + ok;
    }
  }
  const n = answered.length;
  const positionAccuracy = positionCorrect.map((c) => c / n);
  return {
    problems: n,
    positions,
    exactMatch: exact / n,
    positionAccuracy,
    perDigitAccuracy: positionAccuracy.reduce((s, v) => s + v, 0) / positions,
    productOfPositions: positionAccuracy.reduce((s, v) => s * v, 1),
    editDistance: edit / n,
    carryChain: { correct: chainCorrect, total: chainTotal },
  };
}
