/** AdamW settings (PyTorch semantics: decoupled weight decay, bias-corrected moments). */
export interface AdamWOptions {
  readonly lr: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly eps?: number;
  readonly weightDecay?: number;
  /** Linear warm-up steps, then cosine decay to 10 % of lr at `totalSteps`. */
  readonly warmup: number;
  readonly totalSteps: number;
  /** Clip the global gradient norm to this (0 = off). */
  readonly clip?: number;
}

/** AdamW over one flat parameter vector, owning its moment estimates. */
export interface AdamW {
  /** Apply one update with gradient `grad` (left untouched). Returns the learning rate used. */
  step(theta: Float64Array, grad: Float64Array): number;
  readonly steps: number;
}

/**
 * Create an AdamW optimizer with warm-up and cosine decay.
 *
 * @example
 * ```ts
 * const opt = adamW(theta.length, { lr: 3e-3, warmup: 50, totalSteps: 1000, clip: 1 });
 * opt.step(theta, grad);
 * ```
 */
export function adamW(size: number, options: AdamWOptions): AdamW {
  const {
    lr,
    beta1 = 0.9,
    beta2 = 0.98,
    eps = 1e-8,
    weightDecay = 0.01,
    warmup,
    totalSteps,
    clip = 1,
  } = options;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let t = 0;
  return {
    get steps() {
      return t;
    },
    step(theta, grad) {
      t++;
      const progress = Math.min(1, (t - warmup) / Math.max(1, totalSteps - warmup));
      const rate =
        t <= warmup ? (lr * t) / Math.max(1, warmup) : lr * (0.1 + 0.45 * (1 + Math.cos(Math.PI * progress)));
      let scale = 1;
      if (clip > 0) {
        let norm = 0;
        for (let i = 0; i < size; i++) norm += (grad[i] as number) ** 2;
        norm = Math.sqrt(norm);
        if (norm > clip) scale = clip / norm;
      }
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      for (let i = 0; i < size; i++) {
        const g = (grad[i] as number) * scale;
        const mi = beta1 * (m[i] as number) + (1 - beta1) * g;
        const vi = beta2 * (v[i] as number) + (1 - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        theta[i] =
          (theta[i] as number) * (1 - rate * weightDecay) - (rate * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
      }
      return rate;
    },
  };
}
