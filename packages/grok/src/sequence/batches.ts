import { randomSource } from "@emerge/random";

/**
 * The rows of training minibatch `step` (0-based): epochs are seeded shuffles of [0, n) (epoch e
 * from the seed "<seed>/epoch/<e>"), read `size` rows at a time across epoch boundaries. A pure
 * function of (seed, n, size, step), so a resumed run draws exactly the batches an uninterrupted
 * one would, with no sampler state in the checkpoint.
 *
 * @example
 * ```ts
 * minibatchRows(0, 1000, 64, 0); // the first 64 rows of epoch 0's permutation
 * ```
 */
export function minibatchRows(seed: number, n: number, size: number, step: number): Int32Array {
  const out = new Int32Array(size);
  let at = step * size;
  let filled = 0;
  while (filled < size) {
    const epoch = Math.floor(at / n);
    const perm = permutation(seed, n, epoch);
    for (let i = at - epoch * n; i < n && filled < size; i++, at++) out[filled++] = perm[i] as number;
  }
  return out;
}

const cache = new Map<string, Int32Array>();

/** Epoch `epoch`'s Fisher–Yates shuffle of [0, n) (the last few are cached). */
function permutation(seed: number, n: number, epoch: number): Int32Array {
  const key = `${seed}/${n}/${epoch}`;
  let p = cache.get(key);
  if (!p) {
    p = Int32Array.from({ length: n }, (_, i) => i);
    const rng = randomSource(`${seed}/epoch/${epoch}`);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = p[i] as number;
      p[i] = p[j] as number;
      p[j] = t;
    }
    if (cache.size > 8) cache.delete(cache.keys().next().value as string);
    cache.set(key, p);
  }
  return p;
}
