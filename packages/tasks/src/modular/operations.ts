import { TaskError } from "../errors.js";

/**
 * The binary operations of Power et al. (2022), "Grokking: Generalization beyond overfitting on
 * small algorithmic datasets", Table/Figure 4:
 *
 * - `add` x+y, `sub` x−y, `div` x/y (y ≠ 0, p prime), `mixed` x/y if y is odd else x−y (y ≠ 0),
 * - the polynomials `x2+y2`, `x2+xy+y2`, `x2+xy+y2+x`, `x3+xy`, `x3+xy2+y` (all mod p),
 * - over the symmetric group S5: `s5` x∘y, `s5-conj` x∘y∘x⁻¹, `s5-xyx` x∘y∘x.
 */
export type ModularOperation =
  | "add"
  | "sub"
  | "div"
  | "mixed"
  | "x2+y2"
  | "x2+xy+y2"
  | "x2+xy+y2+x"
  | "x3+xy"
  | "x3+xy2+y"
  | "s5"
  | "s5-conj"
  | "s5-xyx";

/** The operations over integers modulo p (all but the S5 ones). */
export type ModularArithmeticOperation = Exclude<ModularOperation, "s5" | "s5-conj" | "s5-xyx">;

/** Every {@link ModularOperation}, in the order of Power et al. */
export const modularOperations: readonly ModularOperation[] = [
  "add",
  "sub",
  "div",
  "mixed",
  "x2+y2",
  "x2+xy+y2",
  "x2+xy+y2+x",
  "x3+xy",
  "x3+xy2+y",
  "s5",
  "s5-conj",
  "s5-xyx",
];

/** The largest modulus accepted: p² pairs must fit comfortably in typed arrays. */
export const MAX_MODULUS = 4096;

/** Whether `op` is one of the S5 permutation-group operations. */
export function isPermutationOperation(op: ModularOperation): op is "s5" | "s5-conj" | "s5-xyx" {
  return op === "s5" || op === "s5-conj" || op === "s5-xyx";
}

/** Whether `op` needs a multiplicative inverse of y, so p must be prime and y ≠ 0. */
export function needsInverse(op: ModularOperation): boolean {
  return op === "div" || op === "mixed";
}

/** Deterministic primality by trial division (moduli here are at most {@link MAX_MODULUS}). */
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** x^e mod p by square-and-multiply; every intermediate stays below p² ≤ 2^24. */
export function modPow(x: number, e: number, p: number): number {
  let result = 1 % p;
  let base = x % p;
  let k = e;
  while (k > 0) {
    if (k & 1) result = (result * base) % p;
    base = (base * base) % p;
    k = Math.floor(k / 2);
  }
  return result;
}

/** The inverse of y modulo a prime p (Fermat: y^(p−2)). */
export function modInverse(y: number, p: number): number {
  return modPow(y, p - 2, p);
}

/** Validate a modulus for `op`, throwing {@link TaskError} with a precise code. */
export function checkModulus(op: ModularArithmeticOperation, p: number): void {
  if (!Number.isInteger(p) || p < 2 || p > MAX_MODULUS) {
    throw new TaskError("INVALID_MODULUS", `p must be an integer in [2, ${MAX_MODULUS}], got ${String(p)}`);
  }
  if (needsInverse(op) && !isPrime(p)) {
    throw new TaskError(
      "NOT_PRIME",
      `operation "${op}" divides by y, which needs a prime modulus so every y ≠ 0 has an inverse; ${p} is not prime`,
    );
  }
}

/** Whether the pair (x, y) is in the domain of `op` (division excludes y = 0). */
export function pairAllowed(op: ModularArithmeticOperation, _x: number, y: number): boolean {
  return !(needsInverse(op) && y === 0);
}

/** The result of `op` without validation; callers check the modulus and pair first. */
export function applyModular(op: ModularArithmeticOperation, x: number, y: number, p: number): number {
  switch (op) {
    case "add":
      return (x + y) % p;
    case "sub":
      return (((x - y) % p) + p) % p;
    case "div":
      return (x * modInverse(y, p)) % p;
    case "mixed":
      return y % 2 === 1 ? (x * modInverse(y, p)) % p : (((x - y) % p) + p) % p;
    case "x2+y2":
      return (((x * x) % p) + ((y * y) % p)) % p;
    case "x2+xy+y2":
      return (((x * x) % p) + ((x * y) % p) + ((y * y) % p)) % p;
    case "x2+xy+y2+x":
      return (((x * x) % p) + ((x * y) % p) + ((y * y) % p) + x) % p;
    case "x3+xy":
      return (((((x * x) % p) * x) % p) + ((x * y) % p)) % p;
    case "x3+xy2+y":
      return (((((x * x) % p) * x) % p) + ((((x * y) % p) * y) % p) + y) % p;
    default:
      throw new TaskError("UNKNOWN_OPERATION", `unknown modular operation "${String(op)}"`);
  }
}

/**
 * The result of `x op y (mod p)` for one of the modular-arithmetic operations.
 * Throws {@link TaskError} for a bad modulus, a non-prime modulus with division,
 * operands outside [0, p) or y = 0 with division.
 *
 * @example
 * ```ts
 * modularResult("sub", 3, 5, 7); // 5
 * modularResult("div", 3, 5, 7); // 2, since 2·5 ≡ 3 (mod 7)
 * ```
 */
export function modularResult(op: ModularArithmeticOperation, x: number, y: number, p: number): number {
  if (!modularOperations.includes(op) || isPermutationOperation(op)) {
    throw new TaskError("UNKNOWN_OPERATION", `"${String(op)}" is not a modular-arithmetic operation`);
  }
  checkModulus(op, p);
  for (const [name, v] of [
    ["x", x],
    ["y", y],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v >= p) {
      throw new TaskError("OUT_OF_RANGE", `${name} must be an integer in [0, ${p}), got ${String(v)}`);
    }
  }
  if (!pairAllowed(op, x, y)) throw new TaskError("OUT_OF_RANGE", `operation "${op}" needs y ≠ 0`);
  return applyModular(op, x, y, p);
}
