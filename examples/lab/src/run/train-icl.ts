import {
  applySquaredError,
  type Backend,
  cpuBackend,
  decoderSpec,
  kernels,
  type VectorBatch,
  vectorDecoder,
} from "@emerge/grok";
import { randomSource } from "@emerge/random";
import { type RegressionPrompt, regressionPrompts } from "@emerge/tasks";
import { iclBaselines, iclCurve, promptPoints } from "../icl/curves.js";
import { checkMemberBudget, memberOptimizer } from "./member-budget.js";

/** One member of the in-context regression family (Garg et al. 2022's linear functions). */
export interface IclMemberConfig {
  readonly task: "icl";
  /** What trains it (part of the cache key). */
  readonly engine: "@emerge/grok";
  /** Input dimension d (Garg et al.: 20; the issue: 5). */
  readonly dims: number;
  /** Points per prompt: the model sees up to points − 1 examples before the last query (2d + 1). */
  readonly points: number;
  /** A vector decoder of `@emerge/grok`; the MLP is 4 × dModel wide. */
  readonly model: { readonly layers: number; readonly dModel: number; readonly heads: number };
  readonly seed: number;
  readonly steps: number;
  readonly batch: number;
  readonly lr: number;
  /** Linear warm-up steps (then cosine decay to lr/10). */
  readonly warmup: number;
  /** Evaluate error vs examples this many times during training (the "when does ICL appear" curve). */
  readonly evaluations: number;
  readonly testPrompts: number;
  /**
   * Garg et al.'s dimension curriculum (wave2 §4: 5 → 20, +1 every 2000 steps): train on functions
   * of `startDims` coordinates (the rest of each x zeroed), one more every `every` steps, up to
   * `dims`. Absent: all `dims` from the start.
   */
  readonly curriculum?: { readonly startDims: number; readonly every: number };
}

/** Error curves of one ICL member. */
export interface IclMemberResult {
  readonly params: number;
  /** Parameters outside the read-in, position embedding and read-out. */
  readonly nonEmbeddingParams: number;
  /** Normalised squared error after k = 0 … points − 1 examples, at the end of training. */
  readonly curve: readonly number[];
  readonly curveSe: readonly number[];
  /** The same curve at evaluation steps during training. */
  readonly during: readonly { readonly step: number; readonly curve: readonly number[] }[];
  readonly finalTrainLoss: number;
}

/** Documented bounds on an ICL member, checked before any work. */
export const ICL_LIMITS = {
  dims: 64,
  points: 256,
  steps: 200_000,
  batch: 1024,
  evaluations: 100,
  testPrompts: 100_000,
};

/** Rows of the evaluation batch. */
const EVAL_ROWS = 100;

/**
 * Garg et al.'s prompt as vectors (wave2.md §4; their `_combine`): x₀, [y₀, 0, …], x₁, [y₁, 0, …], …
 * (2·points rows of width d), and the targets: y_k at x_k's row (where the read-out is read), NaN
 * at the y rows (no loss there).
 */
export function promptVectors(
  p: RegressionPrompt,
  d = p.settings.dims,
): { vectors: Float32Array; targets: Float32Array } {
  const { xs, ys } = promptPoints(p);
  const used = p.settings.dims;
  if (used > d) throw new RangeError(`a prompt of ${used} dimensions does not fit vectors of ${d}`);
  const n = 2 * xs.length;
  const vectors = new Float32Array(n * d);
  const targets = new Float32Array(n).fill(Number.NaN);
  xs.forEach((x, k) => {
    for (let j = 0; j < used; j++) vectors[2 * k * d + j] = x[j] as number;
    vectors[(2 * k + 1) * d] = ys[k] as number;
    targets[2 * k] = ys[k] as number;
  });
  return { vectors, targets };
}

/** Prompts stacked into one vector-decoder input (rows beyond the prompts are zeros without loss). */
function stack(prompts: readonly RegressionPrompt[], rows: number, seq: number, dims: number) {
  const vectors = new Float32Array(rows * seq * dims);
  const targets = new Float32Array(rows * seq).fill(Number.NaN);
  prompts.forEach((p, r) => {
    const one = promptVectors(p, dims);
    vectors.set(one.vectors, r * seq * dims);
    targets.set(one.targets, r * seq);
  });
  return { vectors, targets };
}

function checkConfig(c: IclMemberConfig): void {
  checkMemberBudget("icl member", c, ICL_LIMITS);
  const cur = c.curriculum;
  if (cur !== undefined) {
    if (!Number.isInteger(cur.startDims) || cur.startDims < 1 || cur.startDims > c.dims)
      throw new RangeError(
        `icl member curriculum.startDims must be an integer in [1, dims], got ${cur.startDims}`,
      );
    if (!Number.isInteger(cur.every) || cur.every < 1 || cur.every > c.steps)
      throw new RangeError(`icl member curriculum.every must be an integer in [1, steps], got ${cur.every}`);
  }
}

/** The test prompts every member is scored on (they depend only on their count). */
function testPrompts(dims: number, points: number, n: number): RegressionPrompt[] {
  return regressionPrompts({ kind: "linear", dims, points: points - 1, n, seed: "lab-icl-test" });
}

/**
 * Train one `@emerge/grok` vector decoder (Garg et al.'s linear read-in and read-out) on fresh
 * linear-regression prompts every step — the mean squared error at every x position — and measure
 * its error against the number of in-context examples, at the end and during training.
 *
 * @example
 * ```ts
 * (await trainIclMember({ task: "icl", engine: "@emerge/grok", dims: 5, points: 11, model: { layers: 1, dModel: 16, heads: 2 },
 *   seed: 0, steps: 200, batch: 16, lr: 1e-3, warmup: 20, evaluations: 4, testPrompts: 100 })).curve;
 * ```
 */
export async function trainIclMember(
  config: IclMemberConfig,
  onProgress?: (step: number, total: number) => void,
  options: { backend?: Backend } = {},
): Promise<IclMemberResult> {
  checkConfig(config);
  const { dims, points } = config;
  const seq = 2 * points;
  const test = testPrompts(dims, points, config.testPrompts);
  const backend = options.backend ?? (await cpuBackend({ threads: 1 }));
  try {
    const k = kernels(backend);
    const { layers, dModel, heads } = config.model;
    const modelConfig = decoderSpec.resolve({
      layers,
      dModel,
      heads,
      dMlp: 4 * dModel,
      input: { kind: "vectors", dims, outputs: 1 },
    });
    const model = vectorDecoder(
      { backend, k, rng: randomSource(`lab-icl-${config.seed}`).fork("init") },
      modelConfig,
      seq,
    );
    // Garg et al. train with Adam and no weight decay
    const opt = memberOptimizer({ backend, k, params: model.params }, config, {
      weightDecay: 0,
      beta2: 0.999,
    });
    const batch = model.batch(config.batch) as VectorBatch;
    const evalBatch = model.batch(Math.min(EVAL_ROWS, test.length)) as VectorBatch;
    /** Prefix predictions (prediction k read at x_k's row) of every prompt, in batches. */
    const predict = async (
      prompts: readonly RegressionPrompt[],
    ): Promise<Map<RegressionPrompt, number[]>> => {
      const out = new Map<RegressionPrompt, number[]>();
      for (let start = 0; start < prompts.length; start += evalBatch.rows) {
        const chunk = prompts.slice(start, start + evalBatch.rows);
        model.load(evalBatch, stack(chunk, evalBatch.rows, seq, dims));
        model.forward(evalBatch);
        const y = await backend.read(evalBatch.logits);
        chunk.forEach((p, r) => {
          out.set(
            p,
            Array.from({ length: points }, (_, kk) => y[r * seq + 2 * kk] as number),
          );
        });
      }
      return out;
    };
    const curveOf = async (prompts: readonly RegressionPrompt[]) => {
      const predictions = await predict(prompts);
      return iclCurve("model", prompts, (p) => predictions.get(p) as number[]);
    };
    const during: { step: number; curve: number[] }[] = [];
    const evalEvery = Math.max(1, Math.floor(config.steps / config.evaluations));
    const evalSubset = test.slice(0, Math.min(test.length, 200));
    let lastLoss = Number.NaN;
    for (let step = 0; step < config.steps; step++) {
      const cur = config.curriculum;
      const active = cur ? Math.min(dims, cur.startDims + Math.floor(step / cur.every)) : dims;
      const prompts = regressionPrompts({
        kind: "linear",
        dims: active,
        points: points - 1,
        n: config.batch,
        seed: `lab-icl-train-${config.seed}-${step}`,
      });
      model.load(batch, stack(prompts, config.batch, seq, dims));
      model.forward(batch);
      applySquaredError(k, batch, { grad: true });
      if (step + 1 === config.steps) {
        const stats = await backend.read(batch.stats);
        // per dimension, as the curves (Garg et al.'s normalised error)
        lastLoss = (stats[0] as number) / (stats[1] as number) / dims;
      }
      model.backward(batch);
      await opt.update(step + 1);
      if ((step + 1) % evalEvery === 0 || step + 1 === config.steps) {
        during.push({ step: step + 1, curve: [...(await curveOf(evalSubset)).mean] });
        onProgress?.(step + 1, config.steps);
      }
    }
    const final = await curveOf(test);
    const size = (names: (n: string) => boolean) =>
      model.params.filter((p) => names(p.name)).reduce((s, p) => s + p.shape.reduce((x, y) => x * y, 1), 0);
    const io = new Set(["W_read_in", "b_read_in", "W_pos", "W_read_out", "b_read_out"]);
    return {
      params: size(() => true),
      nonEmbeddingParams: size((n) => !io.has(n)),
      curve: final.mean,
      curveSe: final.se,
      during,
      finalTrainLoss: lastLoss,
    };
  } finally {
    if (!options.backend) backend.dispose();
  }
}

/** Baseline curves on the same test prompts as every member. */
export function iclBaselineCurves(dims: number, points: number, n: number) {
  const test = testPrompts(dims, points, n);
  return Object.entries(iclBaselines).map(([name, predictor]) => iclCurve(name, test, predictor));
}
