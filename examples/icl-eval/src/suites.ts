import {
  arithmetic,
  coinFlip,
  fewShotInstances,
  multistepArithmetic,
  type ScorerName,
  type TaskInstance,
} from "@emerge/tasks";

/** The task suites of the study. */
export type SuiteName = "arithmetic" | "multistep-arithmetic" | "coin-flip";

/** Every suite, in report order. */
export const suiteNames: readonly SuiteName[] = ["arithmetic", "multistep-arithmetic", "coin-flip"];

/**
 * One task at a range of difficulties: how its prompts are built, decoded and scored.
 * Each level's instances are a pure function of (seed, level, n, shots).
 */
export interface Suite {
  readonly name: SuiteName;
  /** Report title. */
  readonly title: string;
  /** Few-shot answers only, or chain-of-thought exemplars whose rationale ends in the answer. */
  readonly style: "few-shot" | "chain-of-thought";
  /** The difficulty knob: its `meta` key and axis label. */
  readonly difficulty: { readonly key: string; readonly label: string };
  /** Default difficulty levels. */
  readonly levels: readonly number[];
  /** Accuracy of guessing (the floor of the fitted curve). */
  readonly chance: number;
  /** Decoding: token budget and stop sequences (also applied client-side). */
  readonly maxTokens: number;
  readonly stop: readonly string[];
  /** How the answer is extracted from the output. */
  readonly scorer: ScorerName;
  /** Where the prompts come from, for the report. */
  readonly source: string;
  /** `n` few-shot instances at `level`. */
  instances(level: number, n: number, shots: number, seed: number): TaskInstance[];
}

/** Exemplar pools are drawn with their own seed, so no query is ever its own exemplar's twin. */
const poolSeed = (seed: number, suite: string, level: number) => `icl-eval/${suite}/pool/${level}/${seed}`;
const querySeed = (seed: number, suite: string) => `icl-eval/${suite}/query/${seed}`;
/** Exemplars per pool: enough for any `--shots` the random sampler asks for. */
const poolSize = (shots: number) => Math.max(16, 2 * shots + 1);

function withShots(
  queries: readonly TaskInstance[],
  pool: readonly TaskInstance[],
  shots: number,
  seed: number,
  rationale: boolean,
  fewshotDelimiter = "\n\n",
): TaskInstance[] {
  // One exemplar draw per query (seeded by its index): the prompts do not all repeat the same k shots.
  return queries.map((query, i) =>
    fewShotInstances({ examples: pool, query, k: shots, seed: `${seed}/${i}`, rationale, fewshotDelimiter }),
  );
}

/**
 * GPT-3 two-operand addition (Brown et al. 2020, §3.9.1): `Q: What is 48 plus 76?` / `A: 124`, with
 * the exemplars at the same number of digits as the query. Exact match of the first line.
 */
export const arithmeticSuite: Suite = {
  name: "arithmetic",
  title: "GPT-3 addition",
  style: "few-shot",
  difficulty: { key: "digits", label: "digits per operand" },
  levels: [2, 3, 4, 5],
  chance: 0,
  maxTokens: 16,
  // Exemplars are separated by blank lines: the answer ends at the first newline.
  stop: ["\n"],
  scorer: "exact",
  source: "Brown et al. 2020 (GPT-3) arithmetic format, via @emerge/tasks arithmetic()",
  instances(level, n, shots, seed) {
    const queries = arithmetic({
      op: "add",
      digits: level,
      n,
      seed: `${querySeed(seed, this.name)}/${level}`,
    });
    const pool = arithmetic({
      op: "add",
      digits: level,
      n: poolSize(shots),
      seed: poolSeed(seed, this.name, level),
    });
    // GPT-3 contexts already begin with "\n\n": exemplars are simply concatenated.
    return withShots(queries, pool, shots, seed, false, "");
  },
};

/**
 * BIG-Bench Hard multistep arithmetic with chain of thought, its nesting depth free (BBH is depth 2,
 * four numbers per group). The exemplars are depth-2 step-by-step solutions, as in BBH's CoT prompt;
 * the answer is read from "So the answer is N."
 */
export const multistepSuite: Suite = {
  name: "multistep-arithmetic",
  title: "Multistep arithmetic (chain of thought)",
  style: "chain-of-thought",
  difficulty: { key: "depth", label: "nesting depth" },
  levels: [1, 2, 3],
  chance: 0,
  maxTokens: 384,
  stop: ["\n\nQ:", "\nQ:"],
  scorer: "answer",
  source:
    "BIG-Bench Hard multistep_arithmetic_two (Suzgun et al. 2022), via @emerge/tasks multistepArithmetic()",
  instances(level, n, shots, seed) {
    const queries = multistepArithmetic({
      n,
      seed: `${querySeed(seed, this.name)}/${level}`,
      depth: level,
      length: 4,
    });
    const pool = multistepArithmetic({
      n: poolSize(shots),
      seed: poolSeed(seed, this.name, 2),
      depth: 2,
      length: 4,
    });
    return withShots(queries, pool, shots, seed, true);
  },
};

/**
 * Coin flip (Wei et al. 2022, chain of thought): exemplars with 2 people (in-domain), queries with
 * 1…k people, so longer queries test length generalisation. Yes/no answers: chance is 0.5.
 */
export const coinFlipSuite: Suite = {
  name: "coin-flip",
  title: "Coin flip (chain of thought)",
  style: "chain-of-thought",
  difficulty: { key: "steps", label: "people flipping (exemplars: 2)" },
  levels: [1, 2, 3, 4, 5, 6],
  chance: 0.5,
  maxTokens: 256,
  stop: ["\n\nQ:", "\nQ:"],
  scorer: "answer",
  source: "Wei et al. 2022 coin flip, via @emerge/tasks coinFlip()",
  instances(level, n, shots, seed) {
    const queries = coinFlip({
      n,
      seed: `${querySeed(seed, this.name)}/${level}`,
      steps: level,
      inDomainSteps: 2,
    });
    const pool = coinFlip({
      n: poolSize(shots),
      seed: poolSeed(seed, this.name, 2),
      steps: 2,
      inDomainSteps: 2,
    });
    return withShots(queries, pool, shots, seed, true);
  },
};

/** The suites by name. */
export const suites: Readonly<Record<SuiteName, Suite>> = {
  arithmetic: arithmeticSuite,
  "multistep-arithmetic": multistepSuite,
  "coin-flip": coinFlipSuite,
};
