import { TaskError } from "../errors.js";

/** Options of {@link exactMatch}, as lm-evaluation-harness passes them to HF `exact_match`. */
export interface ExactMatchOptions {
  /** Lower-case both strings (`ignore_case`). */
  ignoreCase?: boolean;
  /** Delete ASCII punctuation, Python's `string.punctuation` (`ignore_punctuation`). */
  ignorePunctuation?: boolean;
  /** Delete digits (`ignore_numbers`). */
  ignoreNumbers?: boolean;
  /** Delete every match of these patterns first (`regexes_to_ignore`). */
  regexesToIgnore?: readonly (string | RegExp)[];
}

const punctuation = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** Apply {@link ExactMatchOptions} normalisations in lm-eval's order: regexes, case, punctuation, numbers. */
export function normalizeForMatch(text: string, options: ExactMatchOptions = {}): string {
  let s = text;
  for (const r of options.regexesToIgnore ?? []) {
    let re: RegExp;
    try {
      re =
        typeof r === "string"
          ? new RegExp(r, "g")
          : new RegExp(r.source, r.flags.includes("g") ? r.flags : `${r.flags}g`);
    } catch (e) {
      throw new TaskError("INVALID_ARGUMENT", `bad regex to ignore: ${String(r)}`, { cause: e });
    }
    s = s.replace(re, "");
  }
  if (options.ignoreCase) s = s.toLowerCase();
  if (options.ignorePunctuation) s = s.replace(punctuation, "");
  if (options.ignoreNumbers) s = s.replace(/[0-9]/g, "");
  return s;
}

/**
 * 1 if the prediction equals the reference after the chosen normalisations, else 0
 * (lm-eval `exact_match`; no implicit stripping, as there).
 *
 * @example
 * ```ts
 * exactMatch(" 143", " 143"); // 1
 * exactMatch("The Answer.", "the answer", { ignoreCase: true, ignorePunctuation: true }); // 1
 * exactMatch(" 143\n", " 143", { regexesToIgnore: ["\\n"] }); // 1
 * ```
 */
export function exactMatch(prediction: string, reference: string, options: ExactMatchOptions = {}): 0 | 1 {
  return normalizeForMatch(prediction, options) === normalizeForMatch(reference, options) ? 1 : 0;
}
