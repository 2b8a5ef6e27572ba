/** The binary operations of Power et al. (2022) over integers modulo p. */
export type ModularOp = "add" | "sub";

const ops: Record<ModularOp, (a: number, b: number, p: number) => number> = {
  add: (a, b, p) => (a + b) % p,
  sub: (a, b, p) => (((a - b) % p) + p) % p,
};

/**
 * The result of `a op b (mod p)`.
 *
 * @example
 * ```ts
 * modularResult("sub", 3, 5, 7); // 5
 * ```
 */
export function modularResult(op: ModularOp, a: number, b: number, p: number): number {
  return ops[op](a, b, p);
}
