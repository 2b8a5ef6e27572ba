import type { KeyNumber } from "@emerge/plot";
import type { StudyOptions, StudyResult } from "./output.js";

/** What a study prints on the terminal after `npm run study` (e.g. a terminal plot). */
export interface ConsoleOptions {
  /** Colour escapes are allowed (stdout/stderr is a terminal). */
  readonly color: boolean;
}

/**
 * One study of the main job (`npm run study`), exported by each example next to its `run`. The report
 * runner knows nothing else about a study: it calls `run`, renders the figures and tables, shows
 * `keyNumbers`, and writes `summary(headline)` under `id` in summary.json. Adding a study to the report
 * is one line in `examples/study/src/studies.ts`.
 *
 * `keyNumbers`, `summary` and `console` are declared as methods on purpose: method parameters are
 * checked bivariantly, so a `Study<"grokking", GrokkingHeadline>` is also a `Study<string, unknown>`
 * and the runner can hold a plain list of studies without restating each one's types.
 *
 * @example
 * ```ts
 * export const study = defineStudy({
 *   id: "chinchilla",
 *   title: "Chinchilla",
 *   run,
 *   keyNumbers: (h) => [{ label: "α", value: h.estimates.alpha.value }],
 *   summary: (h) => ({ alpha: h.estimates.alpha.value }),
 * });
 * ```
 */
export interface Study<Id extends string = string, Headline = unknown, Summary = unknown> {
  /** Key in summary.json, in `--only` and in the output folder names. */
  readonly id: Id;
  /** Short name for the progress display. */
  readonly title: string;
  /** One line on what the study shows, for the report's introduction and the study README. */
  readonly blurb: string;
  readonly run: (options: StudyOptions) => Promise<StudyResult<Headline>>;
  /** The highlighted numbers at the top of the study's report section. */
  keyNumbers(headline: Headline): readonly KeyNumber[];
  /** The study's entry in summary.json: JSON-safe, rounded, stable names. */
  summary(headline: Headline): Summary;
  /** Lines printed after the run (headline numbers, a terminal plot); optional. */
  console?(headline: Headline, options: ConsoleOptions): string;
}

/**
 * Declare a study (an identity function that keeps `Id`, `Headline` and `Summary` inferred).
 *
 * @example
 * ```ts
 * export const study = defineStudy({ id: "mirage", title: "Mirage", blurb: "…", run, keyNumbers, summary });
 * ```
 */
export function defineStudy<Id extends string, Headline, Summary>(
  study: Study<Id, Headline, Summary>,
): Study<Id, Headline, Summary> {
  return study;
}
