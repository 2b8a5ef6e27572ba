import { randomSource } from "@emerge/random";
import { SweepError } from "../errors.js";
import type { JsonObject, JsonValue } from "./canonical-json.js";
import { configHash } from "./config-hash.js";
import { setPath } from "./config-path.js";
import { sample } from "./distributions.js";
import { type SweepSpec, validateSweepSpec } from "./sweep-spec.js";

/** One run of a sweep: the whole input of a pure job function, and its content-derived id. */
export interface SweepJob {
  /** {@link configHash} of `config`: the key its result is stored under. */
  readonly id: string;
  /** Position in the expanded sweep (stable for a given spec); `--index N` runs job N. */
  readonly index: number;
  /** The config: base with this job's grid values, random draws and seed written in. */
  readonly config: JsonObject;
}

/**
 * Expand a {@link SweepSpec} into its jobs. Deterministic: the same spec gives the same jobs, in the
 * same order, with the same ids, on every machine (random draws come from `@emerge/random` seeded by
 * `random.seed`). Throws {@link SweepError} `INVALID_SPEC` on a malformed spec or when two jobs would
 * have the same config.
 *
 * @example
 * ```ts
 * const jobs = expandSweep({ base: { p: 7 }, grid: { trainFraction: [0.3, 0.5] }, seeds: [0, 1] });
 * jobs.length; // 4
 * jobs[1].config; // { p: 7, trainFraction: 0.3, seed: 1 }
 * ```
 */
export function expandSweep(spec: SweepSpec): SweepJob[] {
  validateSweepSpec(spec);
  let configs: JsonObject[] = [spec.base ?? {}];
  for (const [path, values] of Object.entries(spec.grid ?? {})) {
    configs = configs.flatMap((c) => values.map((v) => setPath(c, path, v)));
  }
  if (spec.random) {
    const random = randomSource(spec.random.seed);
    const draws: [string, JsonValue][][] = [];
    for (let i = 0; i < spec.random.samples; i++) {
      // Paths in a fixed (sorted) order so that reordering keys in the file does not change the draws.
      draws.push(
        Object.keys(spec.random.space)
          .sort()
          .map((path) => [path, sample(spec.random!.space[path]!, random)]),
      );
    }
    configs = configs.flatMap((c) =>
      draws.map((d) => d.reduce((acc, [path, v]) => setPath(acc, path, v), c)),
    );
  }
  const seeds = seedList(spec.seeds);
  if (seeds) {
    const key = spec.seedKey ?? "seed";
    configs = configs.flatMap((c) => seeds.map((s) => setPath(c, key, s)));
  }
  const seen = new Map<string, number>();
  return configs.map((config, index) => {
    const id = configHash(config);
    const twin = seen.get(id);
    if (twin !== undefined) {
      throw new SweepError(
        "INVALID_SPEC",
        `invalid sweep spec: jobs ${twin} and ${index} have the same config ${JSON.stringify(config)}`,
      );
    }
    seen.set(id, index);
    return { id, index, config };
  });
}

function seedList(seeds: SweepSpec["seeds"]): readonly number[] | undefined {
  if (seeds === undefined) return undefined;
  if (Array.isArray(seeds)) return seeds as readonly number[];
  const { count, start = 0 } = seeds as { count: number; start?: number };
  return Array.from({ length: count }, (_, i) => start + i);
}
