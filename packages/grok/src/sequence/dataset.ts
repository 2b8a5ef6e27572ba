import { generate, TaskError, type TaskInstance } from "@emerge/tasks";
import { GrokError } from "../errors.js";
import { renderProblem, reverseText } from "./format.js";
import type { SequenceTaskConfig } from "./task-config.js";
import { BOS, characterVocabulary, EOS, PAD, type Vocabulary } from "./vocabulary.js";

/** One split of encoded problems: `rows` sequences of `seq` tokens, row-major. */
export interface SequenceSplit {
  readonly rows: number;
  /** Input tokens [rows·seq]: BOS, prompt, answer, EOS, then PAD. */
  readonly tokens: Int32Array;
  /** Next-token targets [rows·seq]: the answer's tokens and EOS where they are predicted, −1 elsewhere. */
  readonly targets: Int32Array;
  /** Tokens before the answer (BOS + prompt) of each row: where greedy decoding starts writing. */
  readonly promptLength: Int32Array;
  /** The prompts and the expected answers (as written: reversed when the task reverses them). */
  readonly prompts: readonly string[];
  readonly answers: readonly string[];
}

/** A sequence task's data: vocabulary, fixed-length encoding, disjoint train and test splits. */
export interface SequenceDataset {
  readonly vocab: Vocabulary;
  /** Tokens per sequence. */
  readonly seq: number;
  /** Longest answer in tokens, EOS included: the greedy decoder's step count. */
  readonly maxAnswer: number;
  /**
   * Whether answers are a compact scratchpad then the result (arithmetic `style: "scratchpad"`):
   * the loss covers the scratchpad and the result, exact match scores the `finalAnswer` (format.ts).
   */
  readonly scratchpad: boolean;
  readonly train: SequenceSplit;
  readonly test: SequenceSplit;
}

/** FNV-1a of a string's UTF-16 units: a portable hash for the split. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Whether a prompt belongs to the held-out part of the problem space: one problem in 8, by a
 * hash of its prompt. Training draws only outside it and testing only inside it, so the splits
 * are disjoint by construction, whatever their sizes or seeds.
 *
 * @example
 * ```ts
 * sequenceDataset(task, 0).test.prompts.every(isHeldOut); // true
 * ```
 */
export function isHeldOut(prompt: string): boolean {
  return hash(prompt) % 8 === 0;
}

function instances(task: SequenceTaskConfig, n: number, seed: string): TaskInstance[] {
  try {
    return generate(task.family, task.options, n, seed);
  } catch (e) {
    if (e instanceof TaskError) throw new GrokError("INVALID_CONFIG", `task.options: ${e.message}`);
    throw e;
  }
}

/**
 * Distinct problems of one side of the split: generated in rounds from the family with `seed`
 * (instance i depends only on the seed and i) until `n` are found; a problem space too small for
 * `n` is an INVALID_CONFIG error naming how many exist.
 */
function distinct(
  task: SequenceTaskConfig,
  n: number,
  seed: string,
  heldOut: boolean,
): { prompt: string; answer: string }[] {
  const out: { prompt: string; answer: string }[] = [];
  const seen = new Set<string>();
  let drawn = 0;
  for (let round = 0; out.length < n; round++) {
    const want = Math.max(64, (n - out.length) * (heldOut ? 10 : 2));
    const batch = instances(task, drawn + want, seed).slice(drawn);
    drawn += want;
    let added = 0;
    for (const inst of batch) {
      const p = renderProblem(inst, task.format);
      if (isHeldOut(p.prompt) !== heldOut || seen.has(p.prompt)) continue;
      seen.add(p.prompt);
      out.push({ prompt: p.prompt, answer: task.reverse ? reverseText(p.answer) : p.answer });
      added++;
      if (out.length === n) break;
    }
    if (added === 0 && round > 2) {
      throw new GrokError(
        "INVALID_CONFIG",
        `task ${task.family} has only ${out.length} distinct ${heldOut ? "held-out" : "training"} problems; asked for ${n} (lower task.${heldOut ? "testSize" : "trainSize"})`,
      );
    }
  }
  return out;
}

function encode(
  problems: readonly { prompt: string; answer: string }[],
  vocab: Vocabulary,
  seq: number,
): SequenceSplit {
  const rows = problems.length;
  const tokens = new Int32Array(rows * seq).fill(PAD);
  const targets = new Int32Array(rows * seq).fill(-1);
  const promptLength = new Int32Array(rows);
  problems.forEach(({ prompt, answer }, r) => {
    const p = [BOS, ...vocab.encode(prompt)];
    const full = [...p, ...vocab.encode(answer), EOS];
    const base = r * seq;
    tokens.set(full, base);
    promptLength[r] = p.length;
    // position i predicts token i + 1: loss where that token is part of the answer or its EOS
    for (let i = p.length - 1; i < full.length - 1; i++) targets[base + i] = full[i + 1] as number;
  });
  return {
    rows,
    tokens,
    targets,
    promptLength,
    prompts: problems.map((x) => x.prompt),
    answers: problems.map((x) => x.answer),
  };
}

/**
 * Build a sequence task's data: `trainSize` distinct training problems from the family with the
 * seed "<seed>/train", `testSize` distinct held-out ones with "<seed>/test" (disjoint by
 * construction: {@link isHeldOut}), a character vocabulary over both, and fixed-length padded
 * encodings with the loss on the answer tokens (and EOS) only.
 *
 * @example
 * ```ts
 * const data = sequenceDataset(resolveSequenceTask({ options: { op: "add", digits: 2 }, trainSize: 500 }), 0);
 * data.vocab.decode(data.train.tokens.subarray(0, data.seq)); // e.g. "31+64=59" (answer reversed)
 * ```
 */
export function sequenceDataset(task: SequenceTaskConfig, seed: number): SequenceDataset {
  const train = distinct(task, task.trainSize, `${seed}/train`, false);
  const test = distinct(task, task.testSize, `${seed}/test`, true);
  const all = [...train, ...test];
  const vocab = characterVocabulary(all.flatMap((x) => [x.prompt, x.answer]));
  let longest = 0;
  let maxAnswer = 0;
  for (const x of all) {
    const answer = [...x.answer].length + 1;
    longest = Math.max(longest, 1 + [...x.prompt].length + answer);
    maxAnswer = Math.max(maxAnswer, answer);
  }
  const seq = task.seqLen ?? longest;
  if (seq < longest) {
    throw new GrokError(
      "INVALID_CONFIG",
      `task.seqLen ${seq} is shorter than the longest problem (${longest} tokens)`,
    );
  }
  return {
    vocab,
    seq,
    maxAnswer,
    scratchpad: task.format === "compact" && task.options.style === "scratchpad",
    train: encode(train, vocab, seq),
    test: encode(test, vocab, seq),
  };
}
