import { SweepError } from "../errors.js";
import { sweepLimits } from "../limits.js";
import { canonicalJson, isPlainObject, type JsonObject, type JsonValue } from "./canonical-json.js";
import { splitPath } from "./config-path.js";
import { type Distribution, validateDistribution } from "./distributions.js";

/**
 * A sweep: the configs to run, as a base config varied along a grid and/or random draws, each repeated
 * over seeds. Keys of `grid` and `random.space` are dotted paths into the config
 * (`"optimizer.weightDecay"`). Plain JSON, so it lives in a file that `emerge-sweep` reads.
 *
 * Jobs are the Cartesian product grid × random samples × seeds, in that nesting order (the first grid
 * key varies slowest, seeds fastest).
 *
 * @example
 * ```ts
 * const spec: SweepSpec = {
 *   base: { op: "add", p: 97, steps: 3000 },
 *   grid: { "optimizer.weightDecay": [0, 0.3, 1], trainFraction: [0.2, 0.4, 0.6] },
 *   seeds: { count: 2 },
 * };
 * ```
 */
export interface SweepSpec {
  /** A label for people; not part of any config. */
  name?: string;
  /** The config every job starts from. */
  base?: JsonObject;
  /** Values to try per dotted path; every combination is run. */
  grid?: Record<string, readonly JsonValue[]>;
  /** Seeded random search: `samples` draws of every path in `space`. */
  random?: { samples: number; seed: number | string; space: Record<string, Distribution> };
  /** Seeds to repeat every config over: a list, or `count` consecutive ones from `start` (default 0). */
  seeds?: readonly number[] | { count: number; start?: number };
  /** The dotted path the seed is written to; default `"seed"`. */
  seedKey?: string;
}

const SPEC_KEYS = new Set(["name", "base", "grid", "random", "seeds", "seedKey", "$schema"]);

/**
 * Check a value parsed from JSON and return it typed, or throw {@link SweepError} `INVALID_SPEC` naming
 * the offending field. Catching mistakes here (an empty grid axis, a typo in a key) costs nothing;
 * catching them after a thousand runs costs a thousand runs.
 *
 * @example
 * ```ts
 * const spec = validateSweepSpec(JSON.parse(readFileSync("sweep.json", "utf8")));
 * ```
 */
export function validateSweepSpec(value: unknown): SweepSpec {
  const fail = (why: string): never => {
    throw new SweepError("INVALID_SPEC", `invalid sweep spec: ${why}`);
  };
  if (!isPlainObject(value)) return fail("must be a JSON object");
  for (const key of Object.keys(value)) {
    if (!SPEC_KEYS.has(key))
      fail(`unknown key "${key}" (expected ${[...SPEC_KEYS].slice(0, -1).join(", ")})`);
  }
  const { name, base, grid, random, seeds, seedKey } = value;
  if (name !== undefined && typeof name !== "string") fail("name must be a string");
  if (base !== undefined) {
    if (!isPlainObject(base)) fail("base must be an object");
    wrapConfigError(() => canonicalJson(base), "base");
  }
  if (grid !== undefined) {
    if (!isPlainObject(grid)) fail("grid must be an object of path → array of values");
    for (const [path, values] of Object.entries(grid as object)) {
      splitPath(path);
      if (!Array.isArray(values) || values.length === 0) fail(`grid["${path}"] must be a non-empty array`);
      wrapConfigError(() => canonicalJson(values), `grid["${path}"]`);
    }
  }
  if (random !== undefined) {
    if (!isPlainObject(random)) return fail("random must be { samples, seed, space }");
    const { samples, seed, space } = random;
    if (!Number.isInteger(samples) || (samples as number) < 1) fail("random.samples must be an integer ≥ 1");
    if (!Number.isSafeInteger(seed) && typeof seed !== "string")
      fail("random.seed must be a safe integer or a string");
    if (!isPlainObject(space) || Object.keys(space).length === 0)
      fail("random.space must be a non-empty object");
    for (const [path, d] of Object.entries(space as object)) {
      splitPath(path);
      if (isPlainObject(grid) && path in grid) fail(`"${path}" is in both grid and random.space`);
      validateDistribution(d, `random.space["${path}"]`);
    }
    for (const key of Object.keys(random)) {
      if (key !== "samples" && key !== "seed" && key !== "space") fail(`unknown key random.${key}`);
    }
  }
  if (seeds !== undefined) {
    if (Array.isArray(seeds)) {
      if (seeds.length === 0 || !seeds.every((s) => Number.isSafeInteger(s))) {
        fail("seeds must be a non-empty array of integers");
      }
      if (new Set(seeds).size !== seeds.length) fail("seeds has duplicates");
    } else if (isPlainObject(seeds)) {
      if (!Number.isInteger(seeds.count) || (seeds.count as number) < 1)
        fail("seeds.count must be an integer ≥ 1");
      if (seeds.start !== undefined && !Number.isSafeInteger(seeds.start))
        fail("seeds.start must be a safe integer");
      for (const key of Object.keys(seeds)) {
        if (key !== "count" && key !== "start") fail(`unknown key seeds.${key} (expected count, start)`);
      }
    } else {
      fail("seeds must be an array of integers or { count, start? }");
    }
  }
  checkJobCount(value as SweepSpec);
  if (seedKey !== undefined) {
    if (typeof seedKey !== "string") fail("seedKey must be a string");
    splitPath(seedKey as string);
    if (isPlainObject(grid) && (seedKey as string) in grid) fail(`seedKey "${seedKey}" is also a grid axis`);
  }
  return value as SweepSpec;
}

function wrapConfigError(check: () => unknown, where: string): void {
  try {
    check();
  } catch (error) {
    if (error instanceof SweepError) {
      throw new SweepError("INVALID_SPEC", `invalid sweep spec: ${where}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The number of jobs a valid spec expands to, computed without expanding it (a product of counts,
 * so a 2000³ grid is refused in microseconds). Throws `LIMIT_EXCEEDED` above
 * {@link sweepLimits}`.maxJobs`.
 */
function checkJobCount(spec: SweepSpec): void {
  let jobs = 1;
  const factors: string[] = [];
  for (const [path, values] of Object.entries(spec.grid ?? {})) {
    jobs *= values.length;
    factors.push(`${values.length} (grid "${path}")`);
  }
  if (spec.random) {
    jobs *= spec.random.samples;
    factors.push(`${spec.random.samples} (random.samples)`);
  }
  if (spec.seeds !== undefined) {
    const n = Array.isArray(spec.seeds) ? spec.seeds.length : (spec.seeds as { count: number }).count;
    jobs *= n;
    factors.push(`${n} (seeds)`);
  }
  if (jobs > sweepLimits.maxJobs) {
    throw new SweepError(
      "LIMIT_EXCEEDED",
      `invalid sweep spec: ${factors.join(" × ")} = ${jobs.toPrecision(4)} jobs, more than the ${sweepLimits.maxJobs} one sweep may have`,
    );
  }
  if (!Array.isArray(spec.seeds) && spec.seeds !== undefined) {
    const { count, start = 0 } = spec.seeds as { count: number; start?: number };
    if (!Number.isSafeInteger(start + count)) {
      throw new SweepError(
        "INVALID_SPEC",
        "invalid sweep spec: seeds.start + seeds.count must be a safe integer",
      );
    }
  }
}
