import { type RandomSource, randomSource, randomSourceFromState } from "@emerge/random";
import { type ModularDataset, modularDataset } from "@emerge/tasks";
import {
  type Backend,
  type BoundKernels,
  backendNames,
  createBackend,
  kernels,
  type Tensor,
} from "../backends/backend.js";
import { cpuBackend } from "../backends/cpu/cpu-backend.js";
import {
  type GrokConfig,
  type GrokConfigInput,
  type ResolvedConfig,
  resolveConfig,
  revalidateConfig,
} from "../config.js";
import { GrokError } from "../errors.js";
import { fourierMeasures, frequencyEnergies } from "../metrics/fourier.js";
import { restrictedLosses } from "../metrics/restricted-loss.js";
import { mlp } from "../model/mlp.js";
import type { Batch, Model } from "../model/model.js";
import { transformer } from "../model/transformer.js";
import { detectPhases } from "../phases.js";
import type { Checkpoint } from "./checkpoint.js";
import type { EvalRecord, RunSummary, TrainResult } from "./types.js";

/** Which backend to train on: a registered name or an instance you manage yourself. */
export type BackendChoice = "cpu" | "gpu" | (string & {}) | Backend;

/** Options of {@link createTrainer}. */
export interface TrainerOptions {
  backend?: BackendChoice;
  /** Continue from this checkpoint (its config wins over `config`). */
  checkpoint?: Checkpoint;
}

/** Options of {@link Trainer.run}. */
export interface RunOptions {
  onEval?: (record: EvalRecord) => void;
  /** Called after every `checkpointEvery` updates (and at the end) with a fresh checkpoint. */
  onCheckpoint?: (checkpoint: Checkpoint) => void | Promise<void>;
  /** Called after every update with the step count (for progress bars). */
  onStep?: (step: number) => void;
  signal?: AbortSignal;
}

/** A training run in progress: model, optimiser state and history on one backend. */
export interface Trainer {
  readonly config: GrokConfig;
  readonly backend: Backend;
  readonly dataset: ModularDataset;
  /** Updates done so far. */
  readonly step: number;
  readonly metrics: readonly EvalRecord[];
  /** Train until `config.steps` (or the early stop); resolves with the full result. */
  run(options?: RunOptions): Promise<TrainResult>;
  /** Snapshot weights, moments, step, RNG state and history. */
  checkpoint(): Promise<Checkpoint>;
  /**
   * The network's logits for the pairs (a[i], b[i]) with the current weights: n × classes values,
   * row-major, computed on this trainer's backend (any model kind). For scoring held-out problems
   * or probing a trained network; training state is untouched. Operands must be integers in
   * [0, classes); otherwise `GrokError("INVALID_INPUT")`.
   *
   * @example
   * ```ts
   * const logits = await trainer.logits([3, 50], [4, 60]); // 2 × 97 values for p = 97
   * ```
   */
  logits(a: ArrayLike<number>, b: ArrayLike<number>): Promise<Float32Array>;
  /** Release backend buffers (and the backend itself if the trainer created it). */
  dispose(): void;
}

async function resolveBackend(
  choice: BackendChoice | undefined,
): Promise<{ backend: Backend; owned: boolean }> {
  if (choice !== undefined && typeof choice !== "string") return { backend: choice, owned: false };
  const name = choice ?? "cpu";
  if (name === "cpu") return { backend: await cpuBackend(), owned: true };
  if (name === "gpu" && !backendNames().includes("gpu")) {
    // loaded on demand: gpu.js stays out of CPU-only runs
    // gpu.js is an optional peer dependency: a CPU-only install does not have it
    const { createGpuBackend } = await import("../backends/gpu/index.js").catch((e: unknown) => {
      throw new GrokError(
        "UNKNOWN_BACKEND",
        `the gpu backend needs the optional peer dependency gpu.js (npm install gpu.js): ${String(e)}`,
      );
    });
    return { backend: createGpuBackend(), owned: true };
  }
  return { backend: await createBackend(name), owned: true };
}

/**
 * Set up a run: dataset split, seeded init (generated on the host, identical on every backend),
 * preallocated buffers. A pure function of the config (plus the checkpoint when resuming).
 *
 * @example
 * ```ts
 * const trainer = await createTrainer({ p: 31, steps: 500 });
 * const result = await trainer.run();
 * trainer.dispose();
 * ```
 */
export async function createTrainer(
  input: GrokConfigInput | ResolvedConfig = {},
  options: TrainerOptions = {},
): Promise<Trainer> {
  const config = options.checkpoint ? revalidateConfig(options.checkpoint.config) : resolveConfig(input);
  const dataset = modularDataset({
    op: config.op,
    p: config.p,
    trainFraction: config.trainFraction,
    seed: config.seed,
  });
  const { backend, owned } = await resolveBackend(options.backend);
  try {
    return new TrainerImpl(config, dataset, backend, owned, options.checkpoint);
  } catch (e) {
    if (owned) backend.dispose();
    throw e;
  }
}

class TrainerImpl implements Trainer {
  step = 0;
  metrics: EvalRecord[] = [];
  private readonly k: BoundKernels;
  private readonly model: Model;
  private readonly trainBatch: Batch;
  private readonly evalTrain: Batch | undefined;
  private readonly testBatch: Batch;
  private readonly norm: Tensor;
  /** Batch for {@link Trainer.logits}, allocated on first use; longer inputs go through it in chunks. */
  private probe: Batch | undefined;
  private rng: RandomSource;
  private elapsedBefore = 0;
  private readonly full: boolean;

  constructor(
    readonly config: GrokConfig,
    readonly dataset: ModularDataset,
    readonly backend: Backend,
    private readonly owned: boolean,
    checkpoint: Checkpoint | undefined,
  ) {
    this.k = kernels(backend);
    const root = randomSource(config.seed);
    const ctx = { backend, k: this.k, rng: root.fork("init") };
    const vocab = dataset.vocabSize;
    this.model =
      config.model.kind === "mlp" ? mlp(ctx, config.model, vocab) : transformer(ctx, config.model, vocab);
    this.rng = root.fork("batches");
    const { train, test } = dataset;
    if (train.size === 0 || test.size === 0) {
      throw new GrokError("INVALID_CONFIG", `trainFraction ${config.trainFraction} leaves an empty split`);
    }
    this.full = config.batchSize === "full" || config.batchSize >= train.size;
    this.trainBatch = this.model.batch(this.full ? train.size : (config.batchSize as number));
    if (this.full) this.model.load(this.trainBatch, train.a, train.b, train.target);
    else {
      this.evalTrain = this.model.batch(train.size);
      this.model.load(this.evalTrain, train.a, train.b, train.target);
    }
    this.testBatch = this.model.batch(test.size);
    this.model.load(this.testBatch, test.a, test.b, test.target);
    this.norm = backend.tensor([1]);
    if (checkpoint) this.restore(checkpoint);
  }

  private restore(c: Checkpoint): void {
    for (const p of this.model.params) {
      for (const [suffix, t] of [
        ["", p.value],
        [".m", p.m],
        [".v", p.v],
      ] as const) {
        const data = c.tensors[p.name + suffix];
        if (!data || data.length !== t.size) {
          throw new GrokError("BAD_CHECKPOINT", `checkpoint lacks a matching tensor "${p.name + suffix}"`);
        }
        this.backend.upload(t, data);
      }
    }
    this.step = c.step;
    this.rng = randomSourceFromState(c.rngState);
    this.elapsedBefore = c.elapsedS;
    this.metrics = c.metrics.filter((m) => m.step <= c.step);
  }

  async logits(a: ArrayLike<number>, b: ArrayLike<number>): Promise<Float32Array> {
    const classes = this.model.classes;
    const n = a.length;
    if (b.length !== n) throw new GrokError("INVALID_INPUT", `logits: ${n} values of a but ${b.length} of b`);
    for (const [name, xs] of [
      ["a", a],
      ["b", b],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const x = xs[i] as number;
        if (!(Number.isInteger(x) && x >= 0 && x < classes)) {
          throw new GrokError(
            "INVALID_INPUT",
            `logits: ${name}[${i}] = ${x} is not an integer in [0, ${classes})`,
          );
        }
      }
    }
    const out = new Float32Array(n * classes);
    if (n === 0) return out;
    if (!this.probe || this.probe.rows < Math.min(n, 4096)) this.probe = this.model.batch(Math.min(n, 4096));
    const rows = this.probe.rows;
    const ca = new Int32Array(rows);
    const cb = new Int32Array(rows);
    const none = new Int32Array(rows);
    for (let start = 0; start < n; start += rows) {
      const m = Math.min(rows, n - start);
      ca.fill(0);
      cb.fill(0); // a short last chunk is padded with the pair (0, 0), whose logits are dropped
      for (let i = 0; i < m; i++) {
        ca[i] = a[start + i] as number;
        cb[i] = b[start + i] as number;
      }
      this.model.load(this.probe, ca, cb, none);
      this.model.forward(this.probe);
      const logits = (await this.backend.read(this.probe.logits)) as Float32Array;
      out.set(logits.subarray(0, m * classes), start * classes);
    }
    return out;
  }

  async checkpoint(): Promise<Checkpoint> {
    const tensors: Record<string, Float32Array> = {};
    for (const p of this.model.params) {
      tensors[p.name] = (await this.backend.read(p.value)) as Float32Array;
      tensors[`${p.name}.m`] = (await this.backend.read(p.m)) as Float32Array;
      tensors[`${p.name}.v`] = (await this.backend.read(p.v)) as Float32Array;
    }
    return {
      config: this.config,
      step: this.step,
      rngState: this.rng.state(),
      elapsedS: this.elapsed(),
      metrics: this.metrics.slice(),
      tensors,
    };
  }

  private startedAt = 0;
  private elapsed(): number {
    return this.elapsedBefore + (this.startedAt ? (now() - this.startedAt) / 1000 : 0);
  }

  /** Loss of the loaded batch; writes dLogits when `grad`. */
  private loss(batch: Batch, grad: boolean): void {
    const args = { logits: batch.logits, targets: batch.targets, stats: batch.stats };
    const classes = this.model.classes;
    if (this.config.loss === "mse") {
      this.k.mse(grad ? { ...args, dLogits: batch.dLogits, scale: 1 / (batch.rows * classes) } : args);
    } else {
      this.k.softmaxCrossEntropy(grad ? { ...args, dLogits: batch.dLogits, scale: 1 / batch.rows } : args);
    }
  }

  private async stats(batch: Batch): Promise<{ loss: number; acc: number }> {
    const s = await this.backend.read(batch.stats);
    const denom = this.config.loss === "mse" ? batch.rows * this.model.classes : batch.rows;
    return { loss: (s[0] as number) / denom, acc: (s[1] as number) / batch.rows };
  }

  private sampleBatch(): void {
    const { train } = this.dataset;
    const rows = this.trainBatch.rows;
    const a = new Int32Array(rows);
    const b = new Int32Array(rows);
    const t = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const j = this.rng.int(train.size);
      a[i] = train.a[j] as number;
      b[i] = train.b[j] as number;
      t[i] = train.target[j] as number;
    }
    this.model.load(this.trainBatch, a, b, t);
  }

  private async evaluate(): Promise<EvalRecord> {
    const { model, config } = this;
    let train: { loss: number; acc: number };
    if (this.full) train = await this.stats(this.trainBatch);
    else {
      const evalTrain = this.evalTrain as Batch;
      model.forward(evalTrain);
      this.loss(evalTrain, false);
      train = await this.stats(evalTrain);
    }
    model.forward(this.testBatch);
    this.loss(this.testBatch, false);
    const test = await this.stats(this.testBatch);
    model.params.forEach((p, i) => {
      this.k.sumSquares({ x: p.value, out: this.norm, accumulate: i > 0 });
    });
    const weightNorm = (await this.backend.read(this.norm))[0] as number;
    const record: EvalRecord = {
      step: this.step,
      trainLoss: train.loss,
      trainAcc: train.acc,
      testLoss: test.loss,
      testAcc: test.acc,
      weightNorm,
      elapsedS: this.elapsed(),
    };
    const fourierEvery = config.evalEvery * 10;
    if (!config.op.startsWith("s5") && (this.step % fourierEvery === 0 || this.step >= config.steps)) {
      const width = config.model.kind === "mlp" ? config.model.width : config.model.dModel;
      const energies = frequencyEnergies(
        (await model.embeddings()).map((e) => e.subarray(0, config.p * width)),
        config.p,
        width,
      );
      record.fourier = fourierMeasures(energies, width);
      if (config.model.kind === "transformer" && config.op === "add") {
        Object.assign(record, await this.restricted(record.fourier.keyFrequencies));
      }
    }
    return record;
  }

  /** Restricted / excluded loss from the logits of every pair (train batch + test batch). */
  private async restricted(keys: readonly number[]) {
    const { p } = this.config;
    const all = new Float32Array(p * p * p);
    const trainRows = new Int32Array(this.dataset.train.size);
    const place = async (batch: Batch, split: { a: Int32Array; b: Int32Array }, rows?: Int32Array) => {
      const logits = (await this.backend.read(batch.logits)) as Float32Array;
      for (let i = 0; i < split.a.length; i++) {
        const pair = (split.a[i] as number) * p + (split.b[i] as number);
        if (rows) rows[i] = pair;
        all.set(logits.subarray(i * p, (i + 1) * p), pair * p);
      }
    };
    await place(this.full ? this.trainBatch : (this.evalTrain as Batch), this.dataset.train, trainRows);
    await place(this.testBatch, this.dataset.test);
    return restrictedLosses(all, p, trainRows, keys);
  }

  async run(options: RunOptions = {}): Promise<TrainResult> {
    const { config, model, k } = this;
    const { onEval, onCheckpoint, onStep, signal } = options;
    const { optimizer } = config;
    this.startedAt = now();
    const generalized = this.metrics.find((m) => m.testAcc >= 0.99);
    let stopAt =
      generalized && config.stopAfterGeneralization !== null
        ? generalized.step + config.stopAfterGeneralization
        : Number.POSITIVE_INFINITY;
    try {
      for (;;) {
        if (signal?.aborted) throw new GrokError("ABORTED", `training aborted at step ${this.step}`);
        const s = this.step;
        const last = s >= config.steps || s >= stopAt;
        const evalNow = last || s % config.evalEvery === 0;
        const alreadyEvaluated = this.metrics.some((m) => m.step === s);
        if (this.full) {
          model.forward(this.trainBatch);
          this.loss(this.trainBatch, !last);
        }
        if (evalNow && !alreadyEvaluated) {
          const record = await this.evaluate();
          if (!Number.isFinite(record.trainLoss)) {
            throw new GrokError("NOT_FINITE", `train loss became ${record.trainLoss} at step ${s}`);
          }
          this.metrics.push(record);
          onEval?.(record);
          if (
            record.testAcc >= 0.99 &&
            stopAt === Number.POSITIVE_INFINITY &&
            config.stopAfterGeneralization !== null
          ) {
            stopAt = s + config.stopAfterGeneralization;
          }
          // let timers, signals and I/O run between evaluations
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        if (s >= config.steps || s >= stopAt) break;
        if (!this.full) {
          this.sampleBatch();
          model.forward(this.trainBatch);
          this.loss(this.trainBatch, true);
        }
        model.backward(this.trainBatch);
        const t = s + 1;
        const warm = optimizer.warmupSteps > 0 ? Math.min(1, t / optimizer.warmupSteps) : 1;
        for (const p of model.params) {
          k.adamwUpdate({
            param: p.value,
            grad: p.grad,
            m: p.m,
            v: p.v,
            lr: optimizer.lr * warm,
            beta1: optimizer.beta1,
            beta2: optimizer.beta2,
            eps: optimizer.eps,
            weightDecay: optimizer.weightDecay,
            step: t,
          });
        }
        this.step = t;
        onStep?.(t);
        if (onCheckpoint && t % config.checkpointEvery === 0) await onCheckpoint(await this.checkpoint());
      }
      await this.backend.flush();
    } finally {
      this.elapsedBefore = this.elapsed();
      this.startedAt = 0;
    }
    if (onCheckpoint && this.step % config.checkpointEvery !== 0) await onCheckpoint(await this.checkpoint());
    return { config, metrics: this.metrics.slice(), summary: this.summary() };
  }

  private summary(): RunSummary {
    const phases = detectPhases(this.metrics);
    const last = this.metrics[this.metrics.length - 1];
    const wall = this.elapsedBefore;
    return {
      ...phases,
      steps: this.step,
      wallS: wall,
      stepsPerS: wall > 0 ? this.step / wall : 0,
      backend: this.backend.description,
      final: {
        trainAcc: last?.trainAcc ?? 0,
        testAcc: last?.testAcc ?? 0,
        trainLoss: last?.trainLoss ?? Number.NaN,
        testLoss: last?.testLoss ?? Number.NaN,
      },
    };
  }

  dispose(): void {
    if (this.owned) this.backend.dispose();
  }
}

function now(): number {
  return globalThis.performance.now();
}

/**
 * Train a network on modular arithmetic until it groks (or `steps` run out).
 * A pure function of the config: same config and backend, same metrics.
 *
 * @example
 * ```ts
 * import { train } from "@emerge/grok";
 * const { summary } = await train({ p: 31, trainFraction: 0.5, steps: 1500 });
 * console.log(summary.memorizationStep, summary.generalizationStep);
 * ```
 */
export async function train(
  config: GrokConfigInput | ResolvedConfig = {},
  options: { backend?: BackendChoice; onEval?: (r: EvalRecord) => void; signal?: AbortSignal } = {},
): Promise<TrainResult> {
  const trainer = await createTrainer(
    config,
    options.backend === undefined ? {} : { backend: options.backend },
  );
  try {
    const runOptions: RunOptions = {};
    if (options.onEval) runOptions.onEval = options.onEval;
    if (options.signal) runOptions.signal = options.signal;
    return await trainer.run(runOptions);
  } finally {
    trainer.dispose();
  }
}
