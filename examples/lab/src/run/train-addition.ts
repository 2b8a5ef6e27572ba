import { randomSource } from "@emerge/random";
import {
  ADDITION_VOCAB,
  type AdditionExample,
  type AnswerStyle,
  additionExamples,
  answerOf,
  decode,
  EOS,
  heldOut,
} from "../data/addition.js";
import {
  decoderBackward,
  decoderForward,
  decoderLayout,
  decoderStepper,
  initDecoder,
  nonEmbeddingParams,
} from "../model/decoder.js";
import { tokenCrossEntropy } from "../model/losses.js";
import { adamW } from "../model/optimizer.js";
import { type AnswerScores, scoreAnswers } from "../score/answers.js";

/** One member of an addition family: what to train and how long. A pure-JSON sweep config. */
export interface AdditionMemberConfig {
  readonly task: "addition";
  readonly digits: number;
  readonly style: AnswerStyle;
  readonly model: { readonly layers: number; readonly dModel: number; readonly heads: number };
  readonly seed: number;
  /** Optimizer steps; with `batch` fixed, every size sees the same number of training tokens. */
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  readonly trainProblems: number;
  readonly testProblems: number;
}

/** What training one member gives (deterministic given the config). */
export interface AdditionMemberResult {
  /** Every trainable parameter. */
  readonly params: number;
  /** Parameters outside the token/position embeddings and the unembedding (Kaplan et al.'s N): the size axis, the same for both answer styles. */
  readonly nonEmbeddingParams: number;
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

function checkConfig(c: AdditionMemberConfig): void {
  for (const [k, max] of Object.entries(ADDITION_LIMITS)) {
    const v = (c as unknown as Record<string, number>)[k];
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > max)
      throw new RangeError(`addition member ${k} must be an integer in [1, ${max}], got ${String(v)}`);
  }
  if (!(c.lr > 0 && c.lr < 1)) throw new RangeError(`addition member lr must be in (0, 1), got ${c.lr}`);
}

/** Greedy decoding with cached keys/values: extend `prompt` one argmax token at a time until `$` or `maxNew` tokens. */
export function greedy(
  layout: ReturnType<typeof decoderLayout>,
  theta: Float64Array,
  prompt: readonly number[],
  maxNew: number,
): number[] {
  const stepper = decoderStepper(layout, theta);
  let logits: Float64Array = new Float64Array(0);
  for (const t of prompt) logits = stepper.push(t);
  const out: number[] = [];
  const vocab = layout.spec.vocab as number;
  for (let t = 0; t < maxNew && stepper.length < layout.spec.context; t++) {
    let best = 0;
    for (let v = 1; v < vocab; v++) if ((logits[v] as number) > (logits[best] as number)) best = v;
    out.push(best);
    if (best === EOS || stepper.length >= layout.spec.context) break;
    logits = stepper.push(best);
  }
  return out;
}

/**
 * Train one decoder on L-digit addition (direct or scratchpad targets, loss on the target tokens
 * only) and score it on held-out problems: greedy answers → exact match, per-position accuracy, edit
 * distance, carry chains; teacher-forced cross-entropy per target token.
 *
 * @example
 * ```ts
 * const r = trainAdditionMember({ task: "addition", digits: 2, style: "direct", model: { layers: 1, dModel: 16, heads: 2 },
 *   seed: 0, steps: 200, batch: 16, lr: 3e-3, trainProblems: 2000, testProblems: 100 });
 * r.scores.exactMatch;
 * ```
 */
export function trainAdditionMember(
  config: AdditionMemberConfig,
  onProgress?: (step: number, total: number) => void,
): AdditionMemberResult {
  checkConfig(config);
  const train = additionExamples(
    config.digits,
    config.style,
    config.trainProblems,
    `lab-train-${config.seed}`,
  );
  const test = heldOut(
    additionExamples(config.digits, config.style, config.testProblems, `lab-test-${config.seed}`),
    train,
  );
  const context = Math.max(...train.map((e) => e.tokens.length), ...test.map((e) => e.tokens.length)) + 2;
  const layout = decoderLayout({ ...config.model, context, vocab: ADDITION_VOCAB.length });
  const rng = randomSource(`lab-init-${config.seed}-${config.model.layers}x${config.model.dModel}`);
  const theta = initDecoder(layout, rng);
  const opt = adamW(layout.size, {
    lr: config.lr,
    warmup: Math.min(100, Math.floor(config.steps / 10)),
    totalSteps: config.steps,
    clip: 1,
  });
  const grad = new Float64Array(layout.size);
  const order = randomSource(`lab-batches-${config.seed}`);
  let tokensSeen = 0;
  let lastLoss = Number.NaN;
  const masks = new Map<AdditionExample, number[]>();
  const maskOf = (e: AdditionExample) => {
    let m = masks.get(e);
    if (!m) {
      m = e.tokens.map((_, i) => (i >= e.promptLength ? 1 : 0));
      masks.set(e, m);
    }
    return m;
  };
  for (let step = 0; step < config.steps; step++) {
    grad.fill(0);
    const batch = Array.from(
      { length: config.batch },
      () => train[order.int(train.length)] as AdditionExample,
    );
    const targets = batch.reduce((s, e) => s + e.tokens.length - e.promptLength, 0);
    let loss = 0;
    for (const e of batch) {
      const fwd = decoderForward(layout, theta, { tokens: e.tokens, n: e.tokens.length });
      const ce = tokenCrossEntropy(fwd, e.tokens, maskOf(e), layout.spec.vocab as number, 1 / targets);
      loss += ce.loss;
      decoderBackward(layout, theta, fwd, ce.dOutput, grad);
      tokensSeen += e.tokens.length;
    }
    lastLoss = loss / targets;
    opt.step(theta, grad);
    if (onProgress && (step + 1) % 50 === 0) onProgress(step + 1, config.steps);
  }
  const longest = Math.max(...test.map((e) => e.tokens.length - e.promptLength));
  let ceSum = 0;
  let ceCount = 0;
  const answered = test.map((e) => {
    const fwd = decoderForward(layout, theta, { tokens: e.tokens, n: e.tokens.length });
    const ce = tokenCrossEntropy(fwd, e.tokens, maskOf(e), layout.spec.vocab as number, 0);
    ceSum += ce.loss;
    ceCount += ce.count;
    const generated = decode(greedy(layout, theta, e.tokens.slice(0, e.promptLength), longest + 1));
    return { a: e.a, b: e.b, predicted: answerOf(generated), generated };
  });
  return {
    params: layout.size,
    nonEmbeddingParams: nonEmbeddingParams(layout),
    tokensSeen,
    finalTrainLoss: lastLoss,
    scores: scoreAnswers(answered, config.digits),
    crossEntropy: ceSum / ceCount,
    samples: answered.slice(0, 5).map((p) => ({ problem: `${p.a}+${p.b}`, generated: p.generated })),
  };
}
