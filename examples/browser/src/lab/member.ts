/**
 * Train one member of the lab's family with @emerge/grok (its decoder, through the public trainer)
 * and read off what the tab plots: size, held-out exact match and per-digit accuracy, and speed.
 */
import { type Backend, createTrainer, type DecoderConfig, type GrokConfigInput } from "@emerge/grok";
import { scorePositions } from "./positions.js";

/** One trained member, as the worker posts it to the page (plain data, structured-clone safe). */
export interface LabMember {
  readonly width: number;
  /** Every trainable parameter. */
  readonly params: number;
  /**
   * Parameters outside the token and position embeddings and the unembedding (Kaplan et al.'s N):
   * the size axis of the emergence curve, as in the lab's studies.
   */
  readonly nonEmbeddingParams: number;
  /** Held-out problems scored (the binomial `trials` behind each score). */
  readonly testProblems: number;
  /** Exact match of greedy answers on the held-out problems. */
  readonly exactMatch: number;
  /** Per-digit (per-token) accuracy of the same answers, right-aligned (@emerge/tasks' tokenAccuracy). */
  readonly perDigitAccuracy: number;
  /** Accuracy of each answer place on the held-out problems, units first (see positions.ts). */
  readonly perPosition: readonly number[];
  /** Π of `perPosition`: exact match if the digits erred independently. */
  readonly productOfPositions: number;
  /** Held-out cross-entropy per answer token (teacher-forced), nats. */
  readonly testLoss: number;
  readonly steps: number;
  /**
   * Optimizer steps per second between the first and the last update: training only, without the
   * setup and the two evaluations (greedy decoding of the held-out problems) around it.
   */
  readonly stepsPerS: number;
  /** Wall seconds of the whole member: setup, training and evaluation. */
  readonly seconds: number;
  /** The backend's own description (e.g. "gpu.js webgl2 (float32 textures, kernels kept on device)"). */
  readonly backend: string;
  /**
   * gpu backend only: programs gpu.js could not run on WebGL and silently re-ran on its JavaScript
   * fallback during this member (a kernel the device's shaders lack). 0 when every kernel ran on the
   * GPU; null on the cpu backend.
   */
  readonly gpuProgramFallbacks: number | null;
}

/** Options of {@link trainLabMember}. */
export interface TrainMemberOptions {
  /** Called after every update with the step count. */
  readonly onStep?: (step: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Count parameters from a checkpoint's tensors: a parameter is a tensor with AdamW moments
 * (`name.m`), so moments and any non-parameter state are left out whatever the model names.
 */
function countParams(tensors: Readonly<Record<string, Float32Array>>): { all: number; body: number } {
  const embeddings = new Set(["W_E", "W_pos", "W_U"]);
  let all = 0;
  let body = 0;
  for (const [name, values] of Object.entries(tensors)) {
    if (tensors[`${name}.m`] === undefined) continue;
    all += values.length;
    if (!embeddings.has(name)) body += values.length;
  }
  return { all, body };
}

/** The gpu backend's count of programs re-run off the GPU (it has one; other backends do not). */
function programFallbacks(backend: Backend): number | null {
  const n = (backend as { fallbacks?: unknown }).fallbacks;
  return typeof n === "number" ? n : null;
}

/**
 * Train one member on `backend` (the caller owns and disposes it) and score it on the held-out split.
 *
 * @example
 * ```ts
 * import { cpuBackend } from "@emerge/grok";
 * const backend = await cpuBackend();
 * const m = await trainLabMember(8, labMemberConfig(defaultLabSettings, 8), backend);
 * backend.dispose();
 * m.nonEmbeddingParams; // 864
 * ```
 */
export async function trainLabMember(
  width: number,
  config: GrokConfigInput,
  backend: Backend,
  options: TrainMemberOptions = {},
): Promise<LabMember> {
  const t0 = performance.now();
  const trainer = await createTrainer(config, { backend });
  try {
    let firstStepAt = 0;
    let lastStepAt = 0;
    const result = await trainer.run({
      onStep: (step) => {
        lastStepAt = performance.now();
        if (step === 1) firstStepAt = lastStepAt;
        options.onStep?.(step);
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const final = result.metrics.at(-1);
    const checkpoint = await trainer.checkpoint();
    const counts = countParams(checkpoint.tensors);
    const { sequences, config: resolved } = trainer;
    if (sequences === undefined || resolved.task === null || resolved.model.kind !== "decoder") {
      throw new Error("a lab member is a decoder on a sequence task");
    }
    const places = await scorePositions(
      backend,
      checkpoint,
      sequences,
      resolved.model as DecoderConfig,
      resolved.task.reverse,
      sequences.maxAnswer - 1,
    );
    const steps = result.summary.steps;
    return {
      width,
      params: counts.all,
      nonEmbeddingParams: counts.body,
      testProblems: sequences.test.rows,
      exactMatch: final?.testAcc ?? Number.NaN,
      perDigitAccuracy: final?.testTokenAcc ?? Number.NaN,
      perPosition: places.perPosition,
      productOfPositions: places.productOfPositions,
      testLoss: final?.testLoss ?? Number.NaN,
      steps,
      stepsPerS:
        steps > 1 && lastStepAt > firstStepAt ? ((steps - 1) * 1000) / (lastStepAt - firstStepAt) : 0,
      seconds: (performance.now() - t0) / 1000,
      backend: backend.description,
      gpuProgramFallbacks: programFallbacks(backend),
    };
  } finally {
    trainer.dispose();
  }
}
