/** The parametric loss of Hoffmann et al. (2022), Approach 3: L(N, D) = E + A / N^α + B / D^β. */
export interface ChinchillaLaw {
  /** Irreducible loss. */
  readonly E: number;
  readonly A: number;
  readonly B: number;
  /** Exponent of the model-size term. */
  readonly alpha: number;
  /** Exponent of the data term. */
  readonly beta: number;
}

/** The compute-optimal allocation of one compute budget. */
export interface Allocation {
  /** Training compute C (FLOP). */
  readonly compute: number;
  /** Compute-optimal parameters N_opt(C). */
  readonly params: number;
  /** Compute-optimal training tokens D_opt(C). */
  readonly tokens: number;
  /** D_opt / N_opt. */
  readonly tokensPerParam: number;
  /** Predicted loss at (N_opt, D_opt). */
  readonly loss: number;
}

/** The closed form of the allocation: N_opt = G (C/6)^a, D_opt = G⁻¹ (C/6)^b. */
export interface AllocationRule {
  /** β / (α + β): how fast N_opt grows with compute. */
  readonly a: number;
  /** α / (α + β): how fast D_opt grows with compute. */
  readonly b: number;
  /** G = (αA / (βB))^(1/(α+β)). */
  readonly G: number;
}

/** FLOP per parameter per token of a dense transformer's training step (forward + backward). */
export const FLOP_PER_PARAM_TOKEN = 6;

/** Predicted loss of a model of `params` parameters trained on `tokens` tokens. */
export function chinchillaLoss(law: ChinchillaLaw, params: number, tokens: number): number {
  return law.E + law.A / params ** law.alpha + law.B / tokens ** law.beta;
}

function assertLaw(law: ChinchillaLaw): void {
  for (const [k, v] of Object.entries(law)) {
    if (!Number.isFinite(v) || v <= 0)
      throw new RangeError(`law.${k} must be a positive finite number, got ${v}`);
  }
}

/**
 * Exponents and constant of the compute-optimal frontier under C = 6ND. Minimising L along C = 6ND
 * (Lagrange) gives αA/N^α = βB/D^β, hence the closed form.
 */
export function allocationRule(law: ChinchillaLaw): AllocationRule {
  assertLaw(law);
  const s = law.alpha + law.beta;
  return { a: law.beta / s, b: law.alpha / s, G: ((law.alpha * law.A) / (law.beta * law.B)) ** (1 / s) };
}

/** The compute-optimal N and D (and the loss there) for a budget of `compute` FLOP. */
export function computeOptimal(law: ChinchillaLaw, compute: number): Allocation {
  if (!Number.isFinite(compute) || compute <= 0) throw new RangeError(`compute must be > 0, got ${compute}`);
  const { a, b, G } = allocationRule(law);
  const base = compute / FLOP_PER_PARAM_TOKEN;
  const params = G * base ** a;
  const tokens = base ** b / G;
  return {
    compute,
    params,
    tokens,
    tokensPerParam: tokens / params,
    loss: chinchillaLoss(law, params, tokens),
  };
}

/** `count` budgets spaced evenly in log10 between `from` and `to` FLOP, with their allocations. */
export function computeFrontier(law: ChinchillaLaw, from: number, to: number, count: number): Allocation[] {
  if (!(from > 0 && to > from && Number.isInteger(count) && count >= 2)) {
    throw new RangeError("computeFrontier needs 0 < from < to and an integer count ≥ 2");
  }
  const lo = Math.log10(from);
  const step = (Math.log10(to) - lo) / (count - 1);
  return Array.from({ length: count }, (_, i) => computeOptimal(law, 10 ** (lo + i * step)));
}
