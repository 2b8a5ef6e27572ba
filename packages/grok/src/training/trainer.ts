import { type RandomSource, randomSource, randomSourceFromState } from "@emerge/random";
import { type ModularDataset, modularDataset } from "@emerge/tasks";
import { type Backend, type BoundKernels, kernels, type Tensor } from "../backends/backend.js";
import { createBackend } from "../backends/builtin.js";
import {
  type GrokConfig,
  type GrokConfigInput,
  type ResolvedConfig,
  resolveConfig,
  revalidateConfig,
} from "../config.js";
import { GrokError } from "../errors.js";
import type { Batch, Model, PairInput, SequenceInput } from "../model/model.js";
import { modelSpec } from "../model/registry.js";
import type { ModelSpec } from "../model/spec.js";
import { detectPhases } from "../phases.js";
import { type SequenceDataset, sequenceDataset } from "../sequence/dataset.js";
import type { Checkpoint } from "./checkpoint.js";
import { evaluatePairs, evaluateSequences } from "./evaluation.js";
import { applyLoss } from "./loss.js";
import { adamW, type Optimizer } from "./optimizer.js";
import { pairData } from "./pair-data.js";
import { sequenceData } from "./sequence-data.js";
import { tensorScope } from "./tensor-scope.js";
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
  /** The modular task's splits (pair models; a sequence model's trainer throws INVALID_INPUT). */
  readonly dataset: ModularDataset;
  /** The sequence task's vocabulary, encodings and splits (sequence models; else undefined). */
  readonly sequences: SequenceDataset | undefined;
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
  /**
   * Release what the trainer holds: the backend itself if the trainer created it, else every tensor
   * the trainer allocated on the lent backend (which stays usable for other runs).
   */
  dispose(): void;
}

async function resolveBackend(
  choice: BackendChoice | undefined,
): Promise<{ backend: Backend; owned: boolean }> {
  if (choice !== undefined && typeof choice !== "string") return { backend: choice, owned: false };
  return { backend: await createBackend(choice ?? "cpu"), owned: true };
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
  // data before the backend: a bad task fails before any worker or GPU context starts
  const data: TaskData =
    config.task === null
      ? {
          kind: "pairs",
          dataset: modularDataset({
            op: config.op,
            p: config.p,
            trainFraction: config.trainFraction,
            seed: config.seed,
          }),
        }
      : { kind: "sequence", dataset: sequenceDataset(config.task, config.seed) };
  const { backend, owned } = await resolveBackend(options.backend);
  // a lent backend outlives the trainer: record what the trainer allocates there, to free it on dispose
  const scope = owned ? undefined : tensorScope(backend);
  const release = scope ? () => scope.freeAll() : () => backend.dispose();
  try {
    return new TrainerImpl(config, data, backend, scope?.backend ?? backend, release, options.checkpoint);
  } catch (e) {
    release();
    throw e;
  }
}

type TaskData = { kind: "pairs"; dataset: ModularDataset } | { kind: "sequence"; dataset: SequenceDataset };

/** What the training loop needs of a task's data, whatever the model reads. */
interface RunData {
  /** Whether the training batch is the whole train split (loaded once). */
  readonly full: boolean;
  readonly trainBatch: Batch;
  /** Rows the loaded training batch's mean loss is over. */
  count(): number;
  /** Load the minibatch of update `step` (0-based). */
  loadNext(step: number, rng: RandomSource): void;
  evaluate(at: { step: number; elapsedS: number }): Promise<EvalRecord>;
}

class TrainerImpl implements Trainer {
  step = 0;
  metrics: EvalRecord[] = [];
  private readonly k: BoundKernels;
  private readonly spec: ModelSpec<GrokConfig["model"]>;
  private readonly model: Model<PairInput> | Model<SequenceInput>;
  private readonly run_: RunData;
  private readonly optimizer: Optimizer;
  private readonly norm: Tensor;
  /** Batch for {@link Trainer.logits}, allocated on first use; longer inputs go through it in chunks. */
  private probe: Batch | undefined;
  private rng: RandomSource;
  private elapsedBefore = 0;

  constructor(
    readonly config: GrokConfig,
    private readonly taskData: TaskData,
    /** The backend as the caller knows it (lent or created here). */
    readonly backend: Backend,
    /** The same backend as the trainer allocates through (tracked when lent). */
    private readonly device: Backend,
    /** Frees what this trainer holds: the whole backend if it made it, else its own tensors. */
    private readonly release: () => void,
    checkpoint: Checkpoint | undefined,
  ) {
    // kernels dispatch on the backend itself: only allocation and transfers go through the tracked view
    this.k = kernels(backend);
    const root = randomSource(config.seed);
    const ctx = { backend: device, k: this.k, rng: root.fork("init") };
    this.spec = modelSpec(config.model.kind);
    this.rng = root.fork("batches");
    this.norm = device.tensor([1]);
    const { k, norm } = this;
    if (taskData.kind === "pairs") {
      const { dataset } = taskData;
      const model = this.spec.build(ctx, config.model, {
        vocab: dataset.vocabSize,
        seq: 3,
      }) as Model<PairInput>;
      const data = pairData(model, dataset, config);
      const spec = this.spec;
      this.model = model;
      this.run_ = {
        full: data.full,
        trainBatch: data.trainBatch,
        count: () => data.trainBatch.rows,
        loadNext: (_, rng) => data.sample(rng),
        evaluate: (at) => evaluatePairs({ backend: device, k, config, model, spec, data, norm }, at),
      };
    } else {
      const { dataset } = taskData;
      const model = this.spec.build(ctx, config.model, {
        vocab: dataset.vocab.size,
        seq: dataset.seq,
      }) as Model<SequenceInput>;
      const data = sequenceData(model, dataset, config);
      const reverse = config.task?.reverse ?? false;
      this.model = model;
      this.run_ = {
        full: data.full,
        trainBatch: data.trainBatch,
        count: () => data.trainCount,
        loadNext: (step) => data.load(step),
        evaluate: (at) => evaluateSequences({ backend: device, k, model, data, reverse, norm }, at),
      };
      // full batch: load it once now, so the first step's forward pass sees it
      if (data.full) data.load(0);
    }
    this.optimizer = adamW({
      backend: device,
      k: this.k,
      params: this.model.params,
      options: config.optimizer,
      totalSteps: config.steps,
    });
    if (checkpoint) this.restore(checkpoint);
  }

  get dataset(): ModularDataset {
    if (this.taskData.kind !== "pairs") {
      throw new GrokError(
        "INVALID_INPUT",
        "a sequence model's trainer has no modular dataset: use trainer.sequences",
      );
    }
    return this.taskData.dataset;
  }

  get sequences(): SequenceDataset | undefined {
    return this.taskData.kind === "sequence" ? this.taskData.dataset : undefined;
  }

  /** Every tensor a checkpoint holds, by name: "W0", "W0.m", "W0.v", … */
  private stateTensors(): [string, Tensor][] {
    return this.model.params.flatMap((p) => {
      const { m, v } = this.optimizer.moments.get(p.name) as { m: Tensor; v: Tensor };
      return [
        [p.name, p.value],
        [`${p.name}.m`, m],
        [`${p.name}.v`, v],
      ] as [string, Tensor][];
    });
  }

  private restore(c: Checkpoint): void {
    for (const [name, t] of this.stateTensors()) {
      const data = c.tensors[name];
      if (!data || data.length !== t.size) {
        throw new GrokError("BAD_CHECKPOINT", `checkpoint lacks a matching tensor "${name}"`);
      }
      this.device.upload(t, data);
    }
    this.step = c.step;
    this.rng = randomSourceFromState(c.rngState);
    this.elapsedBefore = c.elapsedS;
    this.metrics = c.metrics.filter((m) => m.step <= c.step);
  }

  async logits(a: ArrayLike<number>, b: ArrayLike<number>): Promise<Float32Array> {
    if (this.taskData.kind !== "pairs") {
      throw new GrokError(
        "INVALID_INPUT",
        "logits(a, b) is for pair models; a sequence model's trainer has none",
      );
    }
    const model = this.model as Model<PairInput>;
    const classes = model.classes;
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
    if (!this.probe || this.probe.rows < Math.min(n, 4096)) this.probe = model.batch(Math.min(n, 4096));
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
      model.load(this.probe, { a: ca, b: cb, target: none });
      model.forward(this.probe);
      const logits = (await this.backend.read(this.probe.logits)) as Float32Array;
      out.set(logits.subarray(0, m * classes), start * classes);
    }
    return out;
  }

  async checkpoint(): Promise<Checkpoint> {
    const tensors: Record<string, Float32Array> = {};
    for (const [name, t] of this.stateTensors()) tensors[name] = (await this.backend.read(t)) as Float32Array;
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

  /** Loss of the loaded training batch; writes dLogits when `grad`. */
  private loss(grad: boolean): void {
    const { trainBatch } = this.run_;
    const count = this.run_.count();
    applyLoss(this.k, this.config.loss, trainBatch, { classes: this.model.classes, count, grad });
  }

  private evaluate(): Promise<EvalRecord> {
    return this.run_.evaluate({ step: this.step, elapsedS: this.elapsed() });
  }

  async run(options: RunOptions = {}): Promise<TrainResult> {
    const { config, model, run_: data } = this;
    const { onEval, onCheckpoint, onStep, signal } = options;
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
        if (data.full) {
          // the training forward pass doubles as this step's train evaluation
          model.forward(data.trainBatch);
          this.loss(!last);
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
        if (!data.full) {
          data.loadNext(s, this.rng);
          model.forward(data.trainBatch);
          this.loss(true);
        }
        model.backward(data.trainBatch);
        const t = s + 1;
        await this.optimizer.update(t);
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
    this.release();
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
