import { adamW, type Backend, type BoundKernels, type Optimizer, type Param } from "@emerge/grok";

/** The training budget every lab member has, whatever it learns. */
export interface MemberBudget {
  readonly engine: string;
  readonly steps: number;
  readonly lr: number;
  readonly warmup: number;
}

/**
 * Check a member's budget before any work: the engine, every integer setting of `limits` in
 * [1, max], lr in (0, 1) and the warm-up within the steps. `kind` names the member in the messages
 * ("addition member steps must be …").
 */
export function checkMemberBudget(
  kind: string,
  config: MemberBudget,
  limits: Readonly<Record<string, number>>,
): void {
  if (config.engine !== "@emerge/grok")
    throw new RangeError(`${kind} engine must be "@emerge/grok", got ${JSON.stringify(config.engine)}`);
  for (const [k, max] of Object.entries(limits)) {
    const v = (config as unknown as Record<string, number>)[k];
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > max)
      throw new RangeError(`${kind} ${k} must be an integer in [1, ${max}], got ${String(v)}`);
  }
  if (!(config.lr > 0 && config.lr < 1))
    throw new RangeError(`${kind} lr must be in (0, 1), got ${config.lr}`);
  if (!Number.isInteger(config.warmup) || config.warmup < 0 || config.warmup > config.steps)
    throw new RangeError(`${kind} warmup must be an integer in [0, steps], got ${config.warmup}`);
}

/**
 * The lab's one optimizer schedule: AdamW as PyTorch, linear warm-up, cosine decay to lr/10,
 * gradient norm clipped at 1. The two studies differ only in weight decay and β₂.
 */
export function memberOptimizer(
  ctx: { backend: Backend; k: BoundKernels; params: readonly Param[] },
  budget: MemberBudget,
  moments: { weightDecay: number; beta2: number },
): Optimizer {
  return adamW({
    ...ctx,
    options: {
      lr: budget.lr,
      weightDecay: moments.weightDecay,
      beta1: 0.9,
      beta2: moments.beta2,
      eps: 1e-8,
      warmupSteps: budget.warmup,
      schedule: "cosine",
      minLr: budget.lr / 10,
      clipGradNorm: 1,
    },
    totalSteps: budget.steps,
  });
}
