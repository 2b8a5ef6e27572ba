// The optimizer's config block lives apart from config.ts so that model specs (which name
// per-model optimizer defaults) can use it without importing config.ts, which imports the models.

/** AdamW with PyTorch semantics (decoupled weight decay) and linear warm-up. */
export interface OptimizerConfig {
  lr: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /**
   * Steps of linear learning-rate warm-up: lr·min(1, t / warmupSteps) at update t (1-based), so
   * from lr/warmupSteps to lr; 0 = none.
   */
  warmupSteps: number;
  /** Learning rate after warm-up: "constant" (default), or "cosine" decay to `minLr` at `steps`. */
  schedule: "constant" | "cosine";
  /** Floor of the cosine schedule (default 0). */
  minLr: number;
  /**
   * Clip the global gradient norm to this value (PyTorch `clip_grad_norm_`: gradients scaled by
   * min(1, maxNorm / (‖g‖ + 1e-6))); `null` (default): no clipping.
   */
  clipGradNorm: number | null;
}
