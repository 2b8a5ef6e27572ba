import { RandomError } from "./errors.js";

/**
 * Turn a seed (a safe integer or any string) into one 32-bit word.
 * Strings hash with FNV-1a so that `"run-3"` is as good a seed as `3`.
 */
export function seedWord(seed: number | string): number {
  if (typeof seed === "string") {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RandomError("INVALID_SEED", `seed must be a safe integer or a string, got ${String(seed)}`);
  }
  // Fold the high bits in so seeds above 2^32 still differ.
  const high = Math.floor(seed / 2 ** 32);
  return (seed ^ Math.imul(high, 0x9e3779b9)) >>> 0;
}

/** One step of splitmix32: a good 32-bit mixer used to expand a seed into generator state. */
export function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) >>> 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
