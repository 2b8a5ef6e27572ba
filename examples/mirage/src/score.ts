import { exactMatch, type ModularSplit, tokenAccuracy, tokenEditDistance } from "@emerge/tasks";
import { type DigitProblems, renderProblem } from "./problems.js";

/** How one model does on a problem set, under a discrete and two continuous metrics. */
export interface MirageScores {
  /** Fraction of problems whose whole answer is right (all L digits). */
  readonly exactMatch: number;
  /** Mean fraction of answer digits that are right. */
  readonly perDigitAccuracy: number;
  /** Mean Levenshtein distance (in digits) between the model's answer and the right one. */
  readonly editDistance: number;
  /** perDigitAccuracy^L: the exact match that independent digit errors imply. */
  readonly impliedExactMatch: number;
  readonly problems: number;
}

/** Score a model's per-equation predictions (`predicted[row]` for every row of `split`) on `problems`. */
export function scoreProblems(
  problems: DigitProblems,
  split: ModularSplit,
  predicted: Int32Array,
): MirageScores {
  if (predicted.length !== split.size) {
    throw new RangeError(`need one prediction per split row (${split.size}), got ${predicted.length}`);
  }
  let em = 0;
  let digitAcc = 0;
  let edit = 0;
  for (let i = 0; i < problems.count; i++) {
    const { answer, prediction } = renderProblem(problems, split, predicted, i);
    em += exactMatch(prediction, answer);
    digitAcc += tokenAccuracy(prediction, answer);
    edit += tokenEditDistance(prediction, answer);
  }
  const n = problems.count;
  const perDigitAccuracy = digitAcc / n;
  return {
    exactMatch: em / n,
    perDigitAccuracy,
    editDistance: edit / n,
    impliedExactMatch: perDigitAccuracy ** problems.digits,
    problems: n,
  };
}
