import { TaskError } from "../errors.js";
import { families } from "../families/registry.js";
import type { TaskInstance } from "../task-instance.js";
import { tokenAccuracy, tokenEditDistance } from "./continuous.js";
import {
  extractAnswerIs,
  extractFirstNumber,
  extractHashAnswer,
  extractLastNumber,
  type KojimaAnswerKind,
  kojimaCleanse,
} from "./extract.js";

/** How a model's output is turned into an answer before comparison. */
export type ScorerName =
  | "auto"
  | "exact"
  | "answer"
  | "first-number"
  | "last-number"
  | "kojima-numeral"
  | "kojima-yes-no"
  | "kojima-letters"
  | "kojima-multiple-choice";

/** Every {@link ScorerName}. */
export const scorerNames: readonly ScorerName[] = [
  "auto",
  "exact",
  "answer",
  "first-number",
  "last-number",
  "kojima-numeral",
  "kojima-yes-no",
  "kojima-letters",
  "kojima-multiple-choice",
];

/** The score of one output. */
export interface OutputScore {
  /** The answer extracted from the output (`""` when nothing could be extracted). */
  readonly extracted: string;
  /** `exact_match` (0/1), `token_accuracy` and `edit_distance` of the extracted answer. */
  readonly metrics: Readonly<Record<string, number>>;
}

const firstLine = (s: string) => (s.split("\n")[0] ?? "").trim();

function extract(instance: TaskInstance, output: string, scorer: ScorerName): string {
  switch (scorer) {
    case "auto":
      return extract(instance, output, instance.rationale === undefined ? "exact" : "answer");
    case "exact":
      return firstLine(output);
    case "answer": {
      const raw = extractHashAnswer(output) ?? extractAnswerIs(output) ?? extractLastNumber(output) ?? "";
      // Compare numbers numerically formatted, words as written.
      return /^-?[$]?\d[\d,]*(\.\d+)?$/.test(raw)
        ? (extractFirstNumber(raw) ?? raw)
        : raw.replace(/^"|"$/g, "");
    }
    case "first-number":
      return extractFirstNumber(output) ?? "";
    case "last-number":
      return extractLastNumber(output) ?? "";
    default: {
      if (scorer.startsWith("kojima-"))
        return kojimaCleanse(output, scorer.slice(7) as KojimaAnswerKind, { fewShot: true });
      throw new TaskError(
        "INVALID_ARGUMENT",
        `unknown scorer "${String(scorer)}"; known: ${scorerNames.join(", ")}`,
      );
    }
  }
}

/**
 * Score one output against an instance's answer with the named extraction: exact match (after
 * extraction, case-sensitive except for yes/no answers), per-character accuracy and edit distance.
 *
 * @example
 * ```ts
 * const [t] = arithmetic({ op: "add", digits: 2, n: 1, seed: 0 });
 * scoreOutput(t, ` ${t.answer}\n`).metrics.exact_match; // 1
 * ```
 */
export function scoreOutput(
  instance: TaskInstance,
  output: string,
  scorer: ScorerName = "auto",
): OutputScore {
  const extracted = extract(instance, output, scorer);
  const yesNo = instance.answer === "yes" || instance.answer === "no";
  const a = yesNo ? extracted.toLowerCase() : extracted;
  return {
    extracted,
    metrics: {
      exact_match: a === instance.answer ? 1 : 0,
      token_accuracy: tokenAccuracy(a, instance.answer),
      edit_distance: tokenEditDistance(a, instance.answer),
    },
  };
}

/**
 * The difficulty setting of an instance: the values in `meta` of its family's generator options
 * (e.g. `{ op: "add", digits: 3 }`), so summaries group by task and difficulty.
 */
export function difficultyOf(instance: TaskInstance): Record<string, string | number | boolean | null> {
  const f = families.find((x) => x.name === instance.family);
  const out: Record<string, string | number | boolean | null> = {};
  const keys = f ? f.options.map((o) => o.name) : [];
  for (const k of keys) {
    const v = instance.meta[k];
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null) out[k] = v;
  }
  return out;
}
