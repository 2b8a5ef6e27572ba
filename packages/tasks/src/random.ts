import { type RandomSource, randomSource } from "@emerge/random";
import { TaskError } from "./errors.js";
import { limits } from "./limits.js";

/** Validate `n` (at most {@link limits.maxInstances}) and `seed` of a generator call. */
export function checkGenerate(n: number, seed: number | string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new TaskError("INVALID_ARGUMENT", `n must be a non-negative integer, got ${String(n)}`);
  }
  if (n > limits.maxInstances) {
    throw new TaskError("LIMIT_EXCEEDED", `n must be at most ${limits.maxInstances}, got ${n}`);
  }
  if (typeof seed !== "string" && !Number.isSafeInteger(seed)) {
    throw new TaskError("INVALID_ARGUMENT", `seed must be a safe integer or a string, got ${String(seed)}`);
  }
}

/**
 * The random stream of instance `index` of a family: forked from the seed by index, so instance i
 * is the same whether 10 or 10,000 instances are generated.
 */
export function instanceRandom(family: string, seed: number | string, index: number): RandomSource {
  return randomSource(seed).fork(`${family}/${index}`);
}

/** A check that an integer option lies in [lo, hi], with a typed error naming it. */
export function checkInteger(name: string, value: number, lo: number, hi: number): void {
  if (!Number.isSafeInteger(value) || value < lo || value > hi) {
    throw new TaskError(
      "INVALID_ARGUMENT",
      `${name} must be an integer in [${lo}, ${hi}], got ${String(value)}`,
    );
  }
}

/** A uniform integer in [0, 10^digits) as a BigInt, drawn digit by digit (exactly uniform). */
export function uniformDigits(rng: RandomSource, digits: number): bigint {
  let s = "";
  for (let i = 0; i < digits; i++) s += String(rng.int(10));
  return BigInt(s);
}
