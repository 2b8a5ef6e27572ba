/** Chinchilla-law parameters in linear form: L(N, D) = E + A/N^α + B/D^β. */
export interface ChinchillaParams {
  readonly E: number;
  readonly A: number;
  readonly B: number;
  readonly alpha: number;
  readonly beta: number;
}

/** Turn log-space [a, b, e, α, β] into the result record. @internal */
export function toParams(x: ArrayLike<number>): ChinchillaParams {
  return { A: Math.exp(x[0]!), B: Math.exp(x[1]!), E: Math.exp(x[2]!), alpha: x[3]!, beta: x[4]! };
}
