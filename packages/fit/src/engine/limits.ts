/**
 * Upper bounds on every count option of the fitting functions, checked before any work so that a
 * typo (`count: 1e9`) is a typed error instead of an out-of-memory abort. Each is far above what a
 * real fit needs.
 * @internal
 */
export const LIMITS = {
  /** Starting points of one fit (explicit starts plus Latin-hypercube samples). */
  starts: 10_000,
  /** Residual evaluations of one solver run. */
  evaluations: 10_000_000,
  /** Bootstrap replicates. */
  replicates: 1_000_000,
  /** Points of a reported profile-likelihood curve. */
  profilePoints: 10_000,
} as const;
