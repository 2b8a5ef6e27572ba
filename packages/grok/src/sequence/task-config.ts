import { families, type JsonValue } from "@emerge/tasks";
import { boolean, checkKeys, integer, invalidConfig, isRecord, oneOf } from "../validation.js";
import type { SequenceFormat } from "./format.js";

/** Which `@emerge/tasks` family a sequence model trains on, and how its data is built. */
export interface SequenceTaskConfig {
  /** A family name of `@emerge/tasks` (`emerge-tasks list`), e.g. "arithmetic". */
  family: string;
  /** The family's options (e.g. `{ op: "add", digits: 3 }`); defaults are the family's. */
  options: Record<string, JsonValue>;
  /** "compact" ("098+045=" → "143": arithmetic, operands zero-padded to `digits`) or "text" (the family's prompt and target verbatim). */
  format: SequenceFormat;
  /** Write answers reversed (least-significant digit first, Lee et al. 2023); scored un-reversed. */
  reverse: boolean;
  /** Distinct training problems, generated once from the seed (≤ 1,000,000). */
  trainSize: number;
  /** Distinct held-out problems, disjoint from training by construction (≤ 100,000). */
  testSize: number;
  /** Training problems scored by greedy decoding at each evaluation (≤ 100,000). */
  evalTrainSize: number;
  /** Tokens per sequence; `null`: the longest problem (BOS + prompt + answer + EOS). ≤ 1024. */
  seqLen: number | null;
}

/**
 * Upper bounds of the sequence task's sizes.
 *
 * @example
 * ```ts
 * sequenceLimits.trainSize; // 1000000
 * ```
 */
export const sequenceLimits = {
  trainSize: 1_000_000,
  testSize: 100_000,
  evalTrainSize: 100_000,
  seqLen: 1024,
} as const;

/**
 * The default sequence task: 3-digit addition, compact, reversed answers.
 *
 * @example
 * ```ts
 * resolveConfig({ model: { kind: "decoder" } }).task; // defaultSequenceTask's values
 * ```
 */
export const defaultSequenceTask: Readonly<SequenceTaskConfig> = Object.freeze({
  family: "arithmetic",
  options: Object.freeze({ op: "add", digits: 3 }) as Record<string, JsonValue>,
  format: "compact",
  reverse: true,
  trainSize: 20_000,
  testSize: 1000,
  evalTrainSize: 1000,
  seqLen: null,
});

/**
 * Fill defaults into a partial `task` block and validate it (family options are validated by
 * `@emerge/tasks` when the data is generated, before any training).
 *
 * @example
 * ```ts
 * resolveSequenceTask({ options: { op: "add", digits: 2 } }).trainSize; // 20000
 * ```
 */
export function resolveSequenceTask(value: unknown): SequenceTaskConfig {
  if (value === undefined || value === null)
    return { ...defaultSequenceTask, options: { ...defaultSequenceTask.options } };
  if (!isRecord(value)) invalidConfig(`task must be an object, got ${JSON.stringify(value)}`);
  const t = checkKeys("task", value, Object.keys(defaultSequenceTask));
  const family = oneOf(
    "task.family",
    t.family ?? defaultSequenceTask.family,
    families.map((f) => f.name),
  );
  const options =
    t.options === undefined
      ? family === defaultSequenceTask.family
        ? { ...defaultSequenceTask.options }
        : {}
      : t.options;
  if (!isRecord(options)) invalidConfig(`task.options must be an object, got ${JSON.stringify(options)}`);
  const L = sequenceLimits;
  const get = <K extends keyof SequenceTaskConfig>(k: K): unknown =>
    t[k] === undefined ? defaultSequenceTask[k] : t[k];
  const seqLen = get("seqLen");
  const reverse = boolean("task.reverse", get("reverse"));
  if (reverse && options.style === "scratchpad") {
    invalidConfig(
      'task.reverse would write the whole scratchpad backwards; set task.reverse false with options.style "scratchpad"',
    );
  }
  return {
    family,
    options: options as Record<string, JsonValue>,
    format: oneOf("task.format", get("format"), ["compact", "text"] as const),
    reverse,
    trainSize: integer("task.trainSize", get("trainSize"), 1, L.trainSize),
    testSize: integer("task.testSize", get("testSize"), 1, L.testSize),
    evalTrainSize: integer("task.evalTrainSize", get("evalTrainSize"), 1, L.evalTrainSize),
    seqLen: seqLen === null ? null : integer("task.seqLen", seqLen, 3, L.seqLen),
  };
}
