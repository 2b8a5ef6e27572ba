import { InvalidArgumentError } from "commander";
import { limits } from "../limits.js";

/**
 * A bad command line (unknown flag, bad value, missing argument): printed as one line
 * `emerge-tasks: error: …` with exit status 2, as for commander's own parse errors.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A commander argument parser for an integer flag in [min, max] (negatives where min allows). */
export function intFlag(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be an integer in [${min}, ${max}]`);
    }
    return n;
  };
}

/** A commander argument parser for a choice flag. */
export function choiceFlag<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(`must be one of ${choices.join(", ")}`);
    }
    return value as T;
  };
}

/** Bounds of the CLI's numeric flags, from {@link limits}. */
export const flagBounds = {
  n: [0, limits.maxInstances],
  concurrency: [1, limits.maxConcurrency],
  retries: [0, limits.maxRetries],
  timeout: [1, limits.maxTimeoutMs],
  maxTokens: [1, limits.maxTokens],
  maxResponseBytes: [1, limits.maxResponseBytes],
  maxPromptChars: [1, Number.MAX_SAFE_INTEGER],
} as const;
