import { randomSource } from "@emerge/random";
import { TaskError } from "../errors.js";
import type { TaskInstance } from "../task-instance.js";

/** Options of {@link fewShotPrompt}, named as in lm-evaluation-harness task configs. */
export interface FewShotOptions<T> {
  /** The pool the exemplars are drawn from (lm-eval's `fewshot_split`). */
  examples: readonly T[];
  /** The document being asked. */
  query: T;
  /** Number of exemplars (`num_fewshot`). */
  k: number;
  /** `"random"` (seeded, lm-eval's default sampler) or `"first_n"` (the pool's first k). */
  sampler?: "random" | "first_n";
  /** Sampler seed (lm-eval's default `fewshot_seed` is 1234). */
  seed?: number | string;
  /** Text placed before everything (lm-eval `description`); include its own trailing newlines. */
  description?: string;
  /** Between an exemplar's text and its target (lm-eval `target_delimiter`, default `" "`). */
  targetDelimiter?: string;
  /** Between exemplars, and before the query (lm-eval `fewshot_delimiter`, default `"\n\n"`). */
  fewshotDelimiter?: string;
  /** An exemplar's or the query's text (`doc_to_text`). */
  docToText: (doc: T) => string;
  /** An exemplar's target (`doc_to_target`). */
  docToTarget: (doc: T) => string;
  /** Whether a pool document is the query and must be skipped (default: identity). */
  isQuery?: (doc: T, query: T) => boolean;
}

/** A built few-shot prompt. */
export interface FewShotPrompt<T> {
  /** The full prompt text. */
  readonly prompt: string;
  /** The exemplars used, in prompt order. */
  readonly exemplars: readonly T[];
}

/**
 * Build a few-shot prompt exactly as lm-evaluation-harness does:
 * `description + join(fewshot_delimiter, text + target_delimiter + target) + fewshot_delimiter + query_text`.
 * The random sampler draws k + 1 documents, drops the query if drawn, and keeps k, as lm-eval's does
 * (with this package's seeded generator, so the draw itself differs from Python's).
 *
 * @example
 * ```ts
 * const docs = [{ q: "2+2", a: "4" }, { q: "3+3", a: "6" }, { q: "1+5", a: "6" }];
 * fewShotPrompt({
 *   examples: docs, query: docs[2], k: 2, sampler: "first_n",
 *   docToText: (d) => `Q: ${d.q}\nA:`, docToTarget: (d) => d.a,
 * }).prompt; // "Q: 2+2\nA: 4\n\nQ: 3+3\nA: 6\n\nQ: 1+5\nA:"
 * ```
 */
export function fewShotPrompt<T>(options: FewShotOptions<T>): FewShotPrompt<T> {
  const {
    examples,
    query,
    k,
    sampler = "random",
    seed = 1234,
    description = "",
    targetDelimiter = " ",
    fewshotDelimiter = "\n\n",
    docToText,
    docToTarget,
    isQuery = (d, q) => d === q,
  } = options;
  if (!Number.isSafeInteger(k) || k < 0)
    throw new TaskError("INVALID_ARGUMENT", `k must be a non-negative integer, got ${String(k)}`);
  let exemplars: T[];
  if (k === 0) exemplars = [];
  else if (sampler === "first_n") {
    exemplars = examples.filter((d) => !isQuery(d, query)).slice(0, k);
  } else if (sampler === "random") {
    const drawn = randomSource(seed).sample(examples, Math.min(k + 1, examples.length));
    exemplars = drawn.filter((d) => !isQuery(d, query)).slice(0, k);
  } else {
    throw new TaskError(
      "INVALID_ARGUMENT",
      `sampler must be "random" or "first_n", got "${String(sampler)}"`,
    );
  }
  if (exemplars.length < k) {
    throw new TaskError(
      "NOT_ENOUGH_EXAMPLES",
      `asked for ${k} exemplars but the pool has only ${exemplars.length} besides the query`,
    );
  }
  const shots = exemplars.map((d) => docToText(d) + targetDelimiter + docToTarget(d));
  const labeled = shots.length > 0 ? shots.join(fewshotDelimiter) + fewshotDelimiter : "";
  return { prompt: description + labeled + docToText(query), exemplars };
}

/** Options of {@link fewShotInstances}: {@link FewShotOptions} without the document accessors. */
export type FewShotInstanceOptions = Omit<
  FewShotOptions<TaskInstance>,
  "docToText" | "docToTarget" | "isQuery"
> & {
  /** Use each exemplar's `rationale` (chain-of-thought) rather than its `target`. */
  rationale?: boolean;
};

/**
 * A few-shot prompt over generated instances: exemplar = prompt + target. Targets here already
 * begin with their separator (`" 143"`), so the target delimiter defaults to `""`; the query is
 * recognised by `id`. Returns a new instance whose prompt is the few-shot prompt.
 *
 * @example
 * ```ts
 * const pool = arithmetic({ op: "add", digits: 2, n: 50, seed: 0 });
 * const shot = fewShotInstances({ examples: pool, query: pool[0], k: 3, seed: 1 });
 * shot.prompt.endsWith(pool[0].prompt); // true
 * ```
 */
export function fewShotInstances(options: FewShotInstanceOptions): TaskInstance {
  const { rationale = false, targetDelimiter = "", ...rest } = options;
  const built = fewShotPrompt<TaskInstance>({
    ...rest,
    targetDelimiter,
    docToText: (d) => d.prompt,
    docToTarget: (d) => (rationale && d.rationale !== undefined ? ` ${d.rationale}` : d.target),
    isQuery: (d, q) => d.id === q.id,
  });
  return {
    ...options.query,
    prompt: built.prompt,
    meta: { ...options.query.meta, shots: options.k, exemplars: built.exemplars.map((e) => e.id) },
  };
}
