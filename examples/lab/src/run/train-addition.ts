import {
  applyLoss,
  type Backend,
  cpuBackend,
  decoder,
  decoderSpec,
  decodeSplit,
  finalAnswer,
  kernels,
  minibatchRows,
  resolveSequenceTask,
  type SequenceDataset,
  sequenceDataset,
  splitRows,
} from "@emerge/grok";
import { randomSource } from "@emerge/random";
import { type AnswerScores, scoreAnswers } from "../score/answers.js";
import { checkMemberBudget, memberOptimizer } from "./member-budget.js";

/** How the family answers: straight away, or with Nye et al.'s scratchpad first. */
export type AnswerStyle = "direct" | "scratchpad";

/** One member of an addition family: what to train and how long. A pure-JSON sweep config. */
export interface AdditionMemberConfig {
  readonly task: "addition";
  /** What trains it (part of the cache key: a member trained by another engine is another result). */
  readonly engine: "@emerge/grok";
  readonly digits: number;
  readonly style: AnswerStyle;
  /** A decoder of `@emerge/grok`: blocks, width, heads; the MLP is 4 × dModel wide (GPT-2). */
  readonly model: { readonly layers: number; readonly dModel: number; readonly heads: number };
  readonly seed: number;
  /** Optimizer steps; with `batch` fixed, every size sees the same number of training problems. */
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  /** Linear warm-up steps of the learning rate (then cosine decay to lr/10). */
  readonly warmup: number;
  /** Distinct training problems (grok's sequence data; disjoint from the held-out ones by construction). */
  readonly trainProblems: number;
  /** Distinct held-out problems. */
  readonly testProblems: number;
}

/** What training one member gives (deterministic given the config). */
export interface AdditionMemberResult {
  /** Every trainable parameter. */
  readonly params: number;
  /** Parameters outside the token/position embeddings and the unembedding (Kaplan et al.'s N): the size axis, the same for both answer styles. */
  readonly nonEmbeddingParams: number;
  /** Tokens of the vocabulary (grok's character vocabulary with PAD, BOS, EOS): ln of it is chance cross-entropy. */
  readonly vocab: number;
  readonly tokensSeen: number;
  readonly finalTrainLoss: number;
  readonly scores: AnswerScores;
  /** Mean teacher-forced cross-entropy per target token on the test problems, nats. */
  readonly crossEntropy: number;
  /** A few decoded test answers, for the record. */
  readonly samples: readonly { readonly problem: string; readonly generated: string }[];
}

/** Documented bounds on an addition member, checked before any work. */
export const ADDITION_LIMITS = {
  digits: 12,
  steps: 200_000,
  batch: 1024,
  trainProblems: 1_000_000,
  testProblems: 100_000,
};

/** Rows of the evaluation batch (bounds the activations an evaluation allocates). */
const EVAL_ROWS = 128;

/**
 * The member's data through `@emerge/grok`'s sequence pipeline: `@emerge/tasks`' arithmetic family,
 * compact format (`29+57=` → `86`, or Nye et al.'s scratchpad `[29+57,C0\n2+5,6C1\n,86C0\n086\n]86`),
 * answers most significant digit first (the order that makes carries hard), held-out problems
 * disjoint from training by construction.
 */
export function additionData(config: AdditionMemberConfig): SequenceDataset {
  const task = resolveSequenceTask({
    family: "arithmetic",
    options: { op: "add", digits: config.digits, style: config.style },
    format: "compact",
    reverse: false,
    trainSize: config.trainProblems,
    testSize: config.testProblems,
    evalTrainSize: 1,
    seqLen: null,
  });
  return sequenceDataset(task, config.seed);
}

/** Operands of a compact prompt `a+b=`. */
function operands(prompt: string): { a: string; b: string } {
  const [a = "", b = ""] = prompt.slice(0, -1).split("+");
  return { a, b };
}

/**
 * Train one `@emerge/grok` decoder on L-digit addition (direct or scratchpad targets, loss on the
 * target tokens only) and score it on held-out problems: greedy answers → exact match,
 * per-position accuracy, edit distance, carry chains; teacher-forced cross-entropy per target
 * token. Runs on a single-threaded cpu backend unless `backend` is given: members are tiny, and
 * the sweep gives each core its own member.
 *
 * @example
 * ```ts
 * const r = await trainAdditionMember({ task: "addition", engine: "@emerge/grok", digits: 2, style: "direct",
 *   model: { layers: 1, dModel: 16, heads: 2 }, seed: 0, steps: 200, batch: 16, lr: 3e-3, warmup: 20,
 *   trainProblems: 2000, testProblems: 100 });
 * r.scores.exactMatch;
 * ```
 */
export async function trainAdditionMember(
  config: AdditionMemberConfig,
  onProgress?: (step: number, total: number) => void,
  options: { backend?: Backend } = {},
): Promise<AdditionMemberResult> {
  checkMemberBudget("addition member", config, ADDITION_LIMITS);
  const data = additionData(config);
  const backend = options.backend ?? (await cpuBackend({ threads: 1 }));
  try {
    const k = kernels(backend);
    const { layers, dModel, heads } = config.model;
    const modelConfig = decoderSpec.resolve({ layers, dModel, heads, dMlp: 4 * dModel });
    const model = decoder(
      { backend, k, rng: randomSource(`lab-addition-${config.seed}`).fork("init") },
      modelConfig,
      data.vocab.size,
      data.seq,
    );
    const opt = memberOptimizer({ backend, k, params: model.params }, config, {
      weightDecay: 0.01,
      beta2: 0.98,
    });
    const seq = data.seq;
    const batch = model.batch(config.batch);
    let tokensSeen = 0;
    let lastLoss = Number.NaN;
    for (let step = 0; step < config.steps; step++) {
      const rows = minibatchRows(config.seed, data.train.rows, config.batch, step);
      const input = splitRows(data.train, rows, config.batch, seq);
      for (const t of input.tokens) if (t !== 0) tokensSeen++;
      model.load(batch, input);
      model.forward(batch);
      applyLoss(k, "cross-entropy", batch, { classes: model.classes, count: input.count, grad: true });
      if (step + 1 === config.steps)
        lastLoss = ((await backend.read(batch.stats))[0] as number) / input.count;
      model.backward(batch);
      await opt.update(step + 1);
      if (onProgress && (step + 1) % 50 === 0) onProgress(step + 1, config.steps);
    }
    const evalBatch = model.batch(Math.min(EVAL_ROWS, data.test.rows));
    const { crossEntropy, written } = await decodeSplit({ backend, k, model }, data, evalBatch, data.test);
    const answered = written.map((generated, r) => {
      const { a, b } = operands(data.test.prompts[r] as string);
      return { a, b, predicted: data.scratchpad ? finalAnswer(generated) : generated, generated };
    });
    return {
      params: model.params.reduce((s, p) => s + p.shape.reduce((x, y) => x * y, 1), 0),
      nonEmbeddingParams: model.params
        .filter((p) => !["W_E", "W_pos", "W_U"].includes(p.name))
        .reduce((s, p) => s + p.shape.reduce((x, y) => x * y, 1), 0),
      vocab: data.vocab.size,
      tokensSeen,
      finalTrainLoss: lastLoss,
      scores: scoreAnswers(answered, config.digits),
      crossEntropy,
      samples: answered.slice(0, 5).map((p) => ({ problem: `${p.a}+${p.b}`, generated: p.generated })),
    };
  } finally {
    if (!options.backend) backend.dispose();
  }
}
