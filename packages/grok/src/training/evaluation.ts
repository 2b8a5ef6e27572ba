import { exactMatch, tokenAccuracy } from "@emerge/tasks";
import type { Backend, BoundKernels, Tensor } from "../backends/backend.js";
import type { GrokConfig } from "../config.js";
import { fourierMeasures, frequencyEnergies } from "../metrics/fourier.js";
import { restrictedLosses } from "../metrics/restricted-loss.js";
import type { Batch, Model, PairInput, Param, SequenceInput } from "../model/model.js";
import type { ModelSpec } from "../model/spec.js";
import type { SequenceDataset, SequenceSplit } from "../sequence/dataset.js";
import { greedyDecode } from "../sequence/decode.js";
import { scoredAnswer } from "../sequence/format.js";
import { applyLoss, lossStats } from "./loss.js";
import type { PairData } from "./pair-data.js";
import { type SequenceData, splitRows } from "./sequence-data.js";
import type { EvalRecord } from "./types.js";

/** Total squared L2 norm of the parameters (`out` is a [1] scratch tensor). */
export async function weightNorm(
  backend: Backend,
  k: BoundKernels,
  params: readonly Param[],
  out: Tensor,
): Promise<number> {
  params.forEach((p, i) => {
    k.sumSquares({ x: p.value, out, accumulate: i > 0 });
  });
  return (await backend.read(out))[0] as number;
}

/** What an evaluation of a pair model needs. */
export interface PairEvaluation {
  backend: Backend;
  k: BoundKernels;
  config: GrokConfig;
  model: Model<PairInput>;
  spec: ModelSpec<GrokConfig["model"]>;
  data: PairData;
  /** Scratch [1] tensor for the weight norm. */
  norm: Tensor;
}

/**
 * Evaluate a pair model at `step`: train and test loss and accuracy (train from the training
 * forward pass of this step when the batch is the whole split: the caller ran it), the weight
 * norm, and every 10 evaluations (and at the last step) the Fourier progress measures and, for
 * models that ask for it on `add`, Nanda et al.'s restricted and excluded loss.
 *
 * @example
 * ```ts
 * const record = await evaluatePairs(ctx, { step: 100, elapsedS: 3.2 });
 * ```
 */
export async function evaluatePairs(
  e: PairEvaluation,
  at: { step: number; elapsedS: number },
): Promise<EvalRecord> {
  const { backend, k, config, model, data } = e;
  const count = (batch: Batch) => ({ classes: model.classes, count: batch.rows });
  const stats = async (batch: Batch) => lossStats(config.loss, await backend.read(batch.stats), count(batch));
  if (!data.full) {
    model.forward(data.evalTrain);
    applyLoss(k, config.loss, data.evalTrain, { ...count(data.evalTrain), grad: false });
  }
  const train = await stats(data.evalTrain);
  model.forward(data.testBatch);
  applyLoss(k, config.loss, data.testBatch, { ...count(data.testBatch), grad: false });
  const test = await stats(data.testBatch);
  const record: EvalRecord = {
    step: at.step,
    trainLoss: train.loss,
    trainAcc: train.acc,
    testLoss: test.loss,
    testAcc: test.acc,
    weightNorm: await weightNorm(backend, k, model.params, e.norm),
    elapsedS: at.elapsedS,
  };
  const fourierEvery = config.evalEvery * 10;
  const progress = e.spec.progress;
  if (progress && !config.op.startsWith("s5") && (at.step % fourierEvery === 0 || at.step >= config.steps)) {
    const width = progress.embeddingWidth(config.model);
    const energies = frequencyEnergies(
      (await model.embeddings()).map((x) => x.subarray(0, config.p * width)),
      config.p,
      width,
    );
    record.fourier = fourierMeasures(energies, width);
    if (progress.restrictedLoss && config.op === "add") {
      Object.assign(record, await restricted(e, record.fourier.keyFrequencies));
    }
  }
  return record;
}

/** Restricted / excluded loss from the logits of every pair (train batch + test batch). */
async function restricted(e: PairEvaluation, keys: readonly number[]) {
  const { p } = e.config;
  const { dataset } = e.data;
  const all = new Float32Array(p * p * p);
  const trainRows = new Int32Array(dataset.train.size);
  const place = async (batch: Batch, split: { a: Int32Array; b: Int32Array }, rows?: Int32Array) => {
    const logits = (await e.backend.read(batch.logits)) as Float32Array;
    for (let i = 0; i < split.a.length; i++) {
      const pair = (split.a[i] as number) * p + (split.b[i] as number);
      if (rows) rows[i] = pair;
      all.set(logits.subarray(i * p, (i + 1) * p), pair * p);
    }
  };
  await place(e.data.evalTrain, dataset.train, trainRows);
  await place(e.data.testBatch, dataset.test);
  return restrictedLosses(all, p, trainRows, keys);
}

/** What an evaluation of a sequence model needs. */
export interface SequenceEvaluation {
  backend: Backend;
  k: BoundKernels;
  model: Model<SequenceInput>;
  data: SequenceData;
  /** Whether answers are written reversed (scored un-reversed). */
  reverse: boolean;
  norm: Tensor;
}

/** What {@link decodeSplit} found on one split. */
export interface DecodedSplit {
  /** Teacher-forced cross-entropy per answer token (the training loss, without gradients). */
  readonly crossEntropy: number;
  /** The model's greedy completion of each problem's prompt, in split order, as text. */
  readonly written: readonly string[];
}

/**
 * Run a sequence model over a split in batches of `batch.rows`: the teacher-forced cross-entropy
 * per answer token, and each prompt's greedy completion (the prompt alone, BOS + prompt then PAD;
 * the answer written by the model). The one loop behind the trainer's sequence evaluation, exported for
 * studies that score the answers their own way (per digit position, carry chains).
 *
 * @example
 * ```ts
 * const { crossEntropy, written } = await decodeSplit({ backend, k, model }, dataset, batch, dataset.test);
 * ```
 */
export async function decodeSplit(
  ctx: { backend: Backend; k: BoundKernels; model: Model<SequenceInput> },
  dataset: Pick<SequenceDataset, "seq" | "maxAnswer" | "vocab">,
  batch: Batch,
  split: SequenceSplit,
): Promise<DecodedSplit> {
  const { backend, k, model } = ctx;
  const { seq, maxAnswer, vocab } = dataset;
  const size = batch.rows;
  let lossSum = 0;
  let count = 0;
  const written: string[] = [];
  for (let start = 0; start < split.rows; start += size) {
    const m = Math.min(size, split.rows - start);
    const rows = Int32Array.from({ length: m }, (_, i) => start + i);
    const input = splitRows(split, rows, size, seq);
    model.load(batch, input);
    model.forward(batch);
    applyLoss(k, "cross-entropy", batch, { classes: model.classes, count: input.count, grad: false });
    lossSum += (await backend.read(batch.stats))[0] as number;
    count += input.count;
    const prompts = new Int32Array(size * seq);
    const promptLength = new Int32Array(size).fill(1);
    for (let i = 0; i < m; i++) {
      const len = split.promptLength[start + i] as number;
      promptLength[i] = len;
      prompts.set(split.tokens.subarray((start + i) * seq, (start + i) * seq + len), i * seq);
    }
    const out = await greedyDecode(backend, model, batch, prompts, promptLength, seq, maxAnswer);
    for (let i = 0; i < m; i++) written.push(vocab.decode(out[i] as number[]));
  }
  return { crossEntropy: lossSum / Math.max(1, count), written };
}

/** Teacher-forced loss, greedy exact match and per-token accuracy of one split. */
async function scoreSplit(
  e: SequenceEvaluation,
  split: SequenceSplit,
): Promise<{ loss: number; exact: number; tokenAcc: number }> {
  const { crossEntropy, written } = await decodeSplit(e, e.data.dataset, e.data.evalBatch, split);
  // a scratchpad task is judged on its final answer; a direct one on the whole (un-reversed) answer
  const task = { scratchpad: e.data.dataset.scratchpad, reverse: e.reverse };
  let exact = 0;
  let tokenAcc = 0;
  for (let i = 0; i < split.rows; i++) {
    const got = scoredAnswer(written[i] as string, task);
    const want = scoredAnswer(split.answers[i] as string, task);
    exact += exactMatch(got, want);
    tokenAcc += tokenAccuracy(got, want);
  }
  return { loss: crossEntropy, exact: exact / split.rows, tokenAcc: tokenAcc / split.rows };
}

/**
 * Evaluate a sequence model at `step` on the first `evalTrainSize` training problems and the
 * held-out ones: teacher-forced loss per answer token, and from greedy decoding the exact match
 * (`trainAcc`, `testAcc`: the metrics phases and early stopping read) and per-token accuracy
 * (`@emerge/tasks`' scorers on the un-reversed answers), plus the weight norm.
 *
 * @example
 * ```ts
 * const record = await evaluateSequences(ctx, { step: 500, elapsedS: 12 });
 * ```
 */
export async function evaluateSequences(
  e: SequenceEvaluation,
  at: { step: number; elapsedS: number },
): Promise<EvalRecord> {
  const train = await scoreSplit(e, e.data.evalTrain);
  const test = await scoreSplit(e, e.data.dataset.test);
  return {
    step: at.step,
    trainLoss: train.loss,
    trainAcc: train.exact,
    testLoss: test.loss,
    testAcc: test.exact,
    trainTokenAcc: train.tokenAcc,
    testTokenAcc: test.tokenAcc,
    weightNorm: await weightNorm(e.backend, e.k, e.model.params, e.norm),
    elapsedS: at.elapsedS,
  };
}
