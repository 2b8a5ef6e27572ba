import type { RandomSource } from "@emerge/random";
import { SweepError } from "../errors.js";
import type { JsonValue } from "./canonical-json.js";

/**
 * Where a random search draws one parameter from.
 * - `uniform: [lo, hi]`: a float in [lo, hi).
 * - `logUniform: [lo, hi]`: a float whose log is uniform; for learning rates and weight decays (lo > 0).
 * - `int: [lo, hi]`: an integer in [lo, hi], both ends included.
 * - `choice: [...]`: one of the listed values, equally likely.
 */
export type Distribution =
  | { uniform: readonly [number, number] }
  | { logUniform: readonly [number, number] }
  | { int: readonly [number, number] }
  | { choice: readonly JsonValue[] };

/** Draw one value from a {@link Distribution}. */
export function sample(distribution: Distribution, random: RandomSource): JsonValue {
  if ("uniform" in distribution) {
    const [lo, hi] = distribution.uniform;
    return lo + (hi - lo) * random.float();
  }
  if ("logUniform" in distribution) {
    const [lo, hi] = distribution.logUniform;
    return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * random.float());
  }
  if ("int" in distribution) {
    const [lo, hi] = distribution.int;
    return lo + random.int(hi - lo + 1);
  }
  return distribution.choice[random.int(distribution.choice.length)]!;
}

/** Throw `INVALID_SPEC` unless `value` is a well-formed {@link Distribution}. */
export function validateDistribution(value: unknown, where: string): asserts value is Distribution {
  const fail = (why: string): never => {
    throw new SweepError("INVALID_SPEC", `${where}: ${why}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("must be one of { uniform | logUniform | int: [lo, hi] } or { choice: [...] }");
  }
  const keys = Object.keys(value as object);
  if (keys.length !== 1) fail(`must have exactly one key, got ${JSON.stringify(keys)}`);
  const kind = keys[0]!;
  const arg = (value as Record<string, unknown>)[kind];
  if (kind === "choice") {
    if (!Array.isArray(arg) || arg.length === 0) fail("choice must be a non-empty array");
    return;
  }
  if (kind !== "uniform" && kind !== "logUniform" && kind !== "int") fail(`unknown distribution "${kind}"`);
  if (
    !Array.isArray(arg) ||
    arg.length !== 2 ||
    !arg.every((x) => typeof x === "number" && Number.isFinite(x))
  ) {
    fail(`${kind} needs [lo, hi] with two finite numbers`);
  }
  const [lo, hi] = arg as [number, number];
  if (!(lo < hi) && !(kind === "int" && lo === hi)) fail(`${kind} needs lo < hi, got [${lo}, ${hi}]`);
  if (kind === "logUniform" && lo <= 0) fail(`logUniform needs lo > 0, got ${lo}`);
  if (
    kind === "int" &&
    (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || !Number.isSafeInteger(hi - lo + 1))
  )
    fail("int needs safe integer bounds whose range is a safe integer");
  if (!Number.isFinite(hi - lo)) fail(`${kind} needs a finite range hi - lo`);
}
