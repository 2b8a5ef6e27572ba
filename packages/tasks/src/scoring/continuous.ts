import { TaskError } from "../errors.js";

/** Splits text into tokens for {@link tokenEditDistance}. */
export type Tokenizer = (text: string) => readonly string[];

/** One token per character (Unicode code point). */
export const characterTokenizer: Tokenizer = (text) => [...text];

/** Whitespace-separated words. */
export const whitespaceTokenizer: Tokenizer = (text) => text.split(/\s+/).filter((t) => t.length > 0);

/**
 * Levenshtein distance between the token sequences of two strings (insertions, deletions and
 * substitutions cost 1), the continuous metric of Schaeffer et al. (2023). Pass a model's tokenizer
 * to measure in its tokens.
 *
 * @example
 * ```ts
 * tokenEditDistance("1234", "1243"); // 2 (characters)
 * tokenEditDistance("a b c", "a c", whitespaceTokenizer); // 1
 * ```
 */
export function tokenEditDistance(
  prediction: string,
  reference: string,
  tokenize: Tokenizer = characterTokenizer,
): number {
  const a = tokenize(prediction);
  const b = tokenize(reference);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur.push(Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * Per-token accuracy: the fraction of the reference's tokens that the prediction reproduces at the
 * same position, aligned from the right (least-significant digit first for numbers, so a dropped
 * leading digit does not shift every other digit). With the character tokenizer and numeric answers
 * this is per-digit accuracy.
 *
 * @example
 * ```ts
 * tokenAccuracy("1243", "1234"); // 0.5
 * tokenAccuracy("234", "1234"); // 0.75
 * ```
 */
export function tokenAccuracy(
  prediction: string,
  reference: string,
  tokenize: Tokenizer = characterTokenizer,
): number {
  const p = tokenize(prediction);
  const r = tokenize(reference);
  if (r.length === 0) return p.length === 0 ? 1 : 0;
  let correct = 0;
  for (let k = 1; k <= r.length; k++)
    if (p[p.length - k] !== undefined && p[p.length - k] === r[r.length - k]) correct++;
  return correct / r.length;
}

function softmax(logits: readonly number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((x) => Math.exp(x - m));
  const z = e.reduce((s, x) => s + x, 0);
  return e.map((x) => x / z);
}

function checkOptions(logProbs: readonly number[], correct: number): void {
  if (logProbs.length === 0)
    throw new TaskError("INVALID_ARGUMENT", "need at least one option log-probability");
  if (logProbs.some((x) => typeof x !== "number" || Number.isNaN(x) || x === Number.POSITIVE_INFINITY)) {
    throw new TaskError("INVALID_ARGUMENT", "option log-probabilities must be numbers below +Infinity");
  }
  if (logProbs.every((x) => x === Number.NEGATIVE_INFINITY)) {
    throw new TaskError("INVALID_ARGUMENT", "at least one option needs a finite log-probability");
  }
  if (!Number.isInteger(correct) || correct < 0 || correct >= logProbs.length) {
    throw new TaskError(
      "OUT_OF_RANGE",
      `correct must index an option in [0, ${logProbs.length}), got ${String(correct)}`,
    );
  }
}

/**
 * Multiple-choice grade (BIG-bench `multiple_choice_grade`): 1 if the correct option has the highest
 * log-probability (ties count against), else 0.
 *
 * @example
 * ```ts
 * multipleChoiceGrade([-1.2, -0.3, -2.0], 1); // 1
 * ```
 */
export function multipleChoiceGrade(logProbs: readonly number[], correct: number): 0 | 1 {
  checkOptions(logProbs, correct);
  const best = logProbs[correct] as number;
  return logProbs.every((x, i) => i === correct || x < best) ? 1 : 0;
}

/**
 * Brier score of the option distribution (softmax of the option log-probabilities, i.e.
 * renormalised over the options): Σᵢ (pᵢ − yᵢ)², 0 is perfect, 2 is worst, as BIG-bench and
 * Schaeffer et al. use it.
 *
 * @example
 * ```ts
 * brierScore([Math.log(0.7), Math.log(0.2), Math.log(0.1)], 0); // 0.09 + 0.04 + 0.01 = 0.14
 * ```
 */
export function brierScore(logProbs: readonly number[], correct: number): number {
  checkOptions(logProbs, correct);
  return softmax(logProbs).reduce((s, p, i) => s + (p - (i === correct ? 1 : 0)) ** 2, 0);
}
