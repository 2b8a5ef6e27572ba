import { GrokError } from "./errors.js";

/**
 * Small strict validators shared by the config and model specs: each checks one value at a dotted
 * `path` and throws `GrokError("INVALID_CONFIG")` naming the path and the value, so a typo'd key or an
 * out-of-range number fails before any work is done instead of training with a default.
 */

/** Throw the config error. */
export function invalidConfig(message: string): never {
  throw new GrokError("INVALID_CONFIG", message);
}

/** A value in an error message: strings quoted, everything else as JSON would show it (NaN stays NaN). */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Edit distance (insert, delete, substitute; case-insensitive), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = row;
  }
  return prev[y.length] as number;
}

/** The known name closest to `name`, if it is close enough to be a plausible typo. */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  // a third of the longer name (at least 2 edits) still reads as a typo; beyond that it is a guess
  return best !== undefined && bestDistance <= Math.max(2, Math.ceil(Math.max(name.length, best.length) / 3))
    ? best
    : undefined;
}

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

/** A plain object (JSON object), not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Check that `value` is a plain object whose keys are all in `known`; the first unknown key is an error
 * naming it and the nearest known key: `unknown key optimizer.lrr; did you mean optimizer.lr?`.
 *
 * @example
 * ```ts
 * checkKeys("optimizer", { lrr: 0.1 }, ["lr", "weightDecay"]); // throws INVALID_CONFIG
 * ```
 */
export function checkKeys(path: string, value: unknown, known: readonly string[]): Record<string, unknown> {
  if (!isRecord(value))
    invalidConfig(`${path === "" ? "config" : path} must be an object, got ${show(value)}`);
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = nearest(key, known);
    invalidConfig(
      near === undefined
        ? `unknown key ${join(path, key)} (valid: ${known.join(", ")})`
        : `unknown key ${join(path, key)}; did you mean ${join(path, near)}?`,
    );
  }
  return value;
}

/**
 * An integer in [min, max].
 *
 * @example
 * ```ts
 * integer("model.width", 512, 1, 16384); // 512
 * ```
 */
export function integer(path: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    invalidConfig(`${path} must be an integer in [${min}, ${max}], got ${show(value)}`);
  return value;
}

/**
 * A finite number accepted by `ok` (described by `what` in the error).
 *
 * @example
 * ```ts
 * real("optimizer.lr", 1e-3, (x) => x > 0, "> 0"); // 0.001
 * ```
 */
export function real(path: string, value: unknown, ok: (x: number) => boolean, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !ok(value))
    invalidConfig(`${path} must be a finite number ${what}, got ${show(value)}`);
  return value;
}

/**
 * One of a fixed set of values.
 *
 * @example
 * ```ts
 * oneOf("loss", "mse", ["cross-entropy", "mse"] as const); // "mse"
 * ```
 */
export function oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    const near = typeof value === "string" ? nearest(value, allowed) : undefined;
    invalidConfig(
      `${path} must be one of ${allowed.join(", ")}, got ${show(value)}${near ? `; did you mean "${near}"?` : ""}`,
    );
  }
  return value as T;
}

/**
 * A boolean (no truthiness: `"false"` is an error, not true).
 *
 * @example
 * ```ts
 * boolean("model.bias", false); // false
 * ```
 */
export function boolean(path: string, value: unknown): boolean {
  if (typeof value !== "boolean") invalidConfig(`${path} must be true or false, got ${show(value)}`);
  return value;
}
