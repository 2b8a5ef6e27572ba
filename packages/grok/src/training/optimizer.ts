import type { Backend, BoundKernels, Tensor } from "../backends/backend.js";
import type { Param } from "../model/model.js";
import type { OptimizerConfig } from "../optimizer-config.js";

/**
 * AdamW's hyperparameters and learning-rate schedule. `lr` … `warmupSteps` are the config's
 * `optimizer` block ({@link OptimizerConfig}, which documents each field); the schedule and
 * clipping fields are optional (absent: constant, minLr 0, no clipping) so that older configs
 * keep their exact behaviour.
 */
export interface AdamWOptions
  extends Pick<OptimizerConfig, "lr" | "weightDecay" | "beta1" | "beta2" | "eps" | "warmupSteps">,
    Partial<Pick<OptimizerConfig, "schedule" | "minLr" | "clipGradNorm">> {}

/** One parameter's AdamW moments. */
export interface Moments {
  readonly m: Tensor;
  readonly v: Tensor;
}

/** AdamW (PyTorch semantics) over a model's parameters; owns the moments. */
export interface Optimizer {
  /** The moments of each parameter, by parameter name (for checkpoints). */
  readonly moments: ReadonlyMap<string, Moments>;
  /** The learning rate of update `step` (1-based), after warm-up and decay. */
  learningRate(step: number): number;
  /** Apply update `step` (1-based) from the gradients in each param's `grad`. */
  update(step: number): Promise<void>;
}

/**
 * Create AdamW over `params`: moments allocated (zeroed) on the backend, decoupled weight
 * decay (skipped for params marked `decay: false`), linear warm-up, optional cosine decay to
 * `minLr` over `totalSteps`, optional global gradient-norm clipping.
 *
 * @example
 * ```ts
 * const opt = adamW({ backend, k, params: model.params, options: config.optimizer, totalSteps: 1000 });
 * model.backward(batch);
 * await opt.update(1);
 * ```
 */
export function adamW(args: {
  backend: Backend;
  k: BoundKernels;
  params: readonly Param[];
  options: AdamWOptions;
  totalSteps: number;
}): Optimizer {
  const { backend, k, params, options: o, totalSteps } = args;
  const moments = new Map<string, Moments>();
  for (const p of params) moments.set(p.name, { m: backend.tensor(p.shape), v: backend.tensor(p.shape) });
  const norm = backend.tensor([1]);

  const learningRate = (t: number): number => {
    // lr · warm exactly as before the optimizer had its own module (results pinned by tests)
    const warm = o.warmupSteps > 0 ? Math.min(1, t / o.warmupSteps) : 1;
    if (o.schedule !== "cosine" || t <= o.warmupSteps) return o.lr * warm;
    const minLr = o.minLr ?? 0;
    const span = Math.max(1, totalSteps - o.warmupSteps);
    const progress = Math.min(1, (t - o.warmupSteps) / span);
    return minLr + (o.lr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
  };

  const gradScale = async (): Promise<number> => {
    if (o.clipGradNorm === undefined || o.clipGradNorm === null) return 1;
    params.forEach((p, i) => {
      k.sumSquares({ x: p.grad, out: norm, accumulate: i > 0 });
    });
    const total = Math.sqrt((await backend.read(norm))[0] as number);
    return Math.min(1, o.clipGradNorm / (total + 1e-6));
  };

  return {
    moments,
    learningRate,
    async update(t) {
      const lr = learningRate(t);
      const scale = await gradScale();
      for (const p of params) {
        const { m, v } = moments.get(p.name) as Moments;
        k.adamwUpdate({
          param: p.value,
          grad: p.grad,
          m,
          v,
          lr,
          beta1: o.beta1,
          beta2: o.beta2,
          eps: o.eps,
          weightDecay: p.decay === false ? 0 : o.weightDecay,
          step: t,
          ...(scale === 1 ? {} : { gradScale: scale }),
        });
      }
    },
  };
}
