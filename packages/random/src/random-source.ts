import { RandomError } from "./errors.js";
import { seedWord, splitmix32 } from "./seed.js";

/** The four 32-bit words of an sfc32 generator: enough to checkpoint and resume a stream exactly. */
export type RandomState = readonly [number, number, number, number];

/**
 * A seeded stream of random numbers. Integer arithmetic only (sfc32), so the same seed gives the
 * same stream on every machine and JavaScript engine; `normal()` uses `Math.log`/`Math.cos`,
 * which V8, SpiderMonkey and JavaScriptCore compute identically for practical purposes.
 */
export interface RandomSource {
  /** The next uniform 32-bit unsigned integer. */
  uint32(): number;
  /** A uniform float in [0, 1) with 53 random bits. */
  float(): number;
  /** A uniform integer in [0, n), without modulo bias. */
  int(n: number): number;
  /** A uniform integer in [lo, hi] (both inclusive). */
  intBetween(lo: number, hi: number): number;
  /** A standard normal draw (Box–Muller), or N(mean, sd²). */
  normal(mean?: number, sd?: number): number;
  /** True with probability `p`. */
  bernoulli(p?: number): boolean;
  /** One element chosen uniformly. */
  choice<T>(items: readonly T[]): T;
  /** A new array: `items` in a uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** `k` distinct elements, in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** An independent stream derived from this one's seed and a label, for reproducible sub-tasks. */
  fork(label: string | number): RandomSource;
  /** The generator state, to save in a checkpoint. */
  state(): RandomState;
}

class Sfc32 implements RandomSource {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  constructor(state: RandomState) {
    [this.a, this.b, this.c, this.d] = state;
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = (this.b ^ (this.b >>> 9)) >>> 0;
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  float(): number {
    const high = this.uint32() >>> 5; // 27 bits
    const low = this.uint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  int(n: number): number {
    if (!Number.isSafeInteger(n) || n <= 0)
      throw new RandomError("INVALID_ARGUMENT", `int(n) needs a positive integer n, got ${n}`);
    if (n <= 0x100000000) {
      // Rejection sampling on the top of the 32-bit range removes modulo bias.
      const limit = 0x100000000 - (0x100000000 % n);
      let x = this.uint32();
      while (x >= limit) x = this.uint32();
      return x % n;
    }
    return Math.floor(this.float() * n);
  }

  intBetween(lo: number, hi: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || hi < lo) {
      throw new RandomError("INVALID_ARGUMENT", `intBetween needs integers lo <= hi, got ${lo}, ${hi}`);
    }
    return lo + this.int(hi - lo + 1);
  }

  normal(mean = 0, sd = 1): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return mean + sd * z;
    }
    let u = this.float();
    while (u === 0) u = this.float();
    const v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  bernoulli(p = 0.5): boolean {
    if (!(p >= 0 && p <= 1))
      throw new RandomError("INVALID_ARGUMENT", `bernoulli needs 0 <= p <= 1, got ${p}`);
    return this.float() < p;
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RandomError("EMPTY_LIST", "choice from an empty list");
    return items[this.int(items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  sample<T>(items: readonly T[], k: number): T[] {
    if (!Number.isInteger(k) || k < 0 || k > items.length) {
      throw new RandomError("INVALID_ARGUMENT", `sample needs 0 <= k <= ${items.length}, got ${k}`);
    }
    const pool = items.slice();
    for (let i = 0; i < k; i++) {
      const j = i + this.int(pool.length - i);
      const tmp = pool[i] as T;
      pool[i] = pool[j] as T;
      pool[j] = tmp;
    }
    return pool.slice(0, k);
  }

  fork(label: string | number): RandomSource {
    const base = this.state();
    const mixed = seedWord(`${base.join(",")}/${String(label)}`);
    return randomSource(mixed);
  }

  state(): RandomState {
    return [this.a, this.b, this.c, this.d];
  }
}

/**
 * Create a seeded random source.
 *
 * @example
 * ```ts
 * import { randomSource } from "@emerge/random";
 * const rng = randomSource(42);
 * rng.int(10); // same value on every machine
 * rng.shuffle([1, 2, 3]);
 * ```
 */
export function randomSource(seed: number | string): RandomSource {
  let x = seedWord(seed);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = splitmix32(x + i);
    words.push(x);
  }
  const rng = new Sfc32(words as unknown as RandomState);
  // Discard the first outputs: sfc32 mixes its state in a dozen steps.
  for (let i = 0; i < 12; i++) rng.uint32();
  return rng;
}

/** Resume a random source from a saved {@link RandomState}. */
export function randomSourceFromState(state: RandomState): RandomSource {
  if (
    !Array.isArray(state) ||
    state.length !== 4 ||
    state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff)
  ) {
    throw new RandomError("INVALID_STATE", "a random state is four unsigned 32-bit integers");
  }
  return new Sfc32(state);
}
