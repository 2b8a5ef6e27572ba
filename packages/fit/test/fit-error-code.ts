import { expect } from "vitest";
import { FitError } from "../src/index.js";

/**
 * The FitError code `f` throws, or "no error". Any other exception type fails the test, so a check
 * through this helper also proves no untyped error escapes the public API.
 */
export function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FitError);
    return (e as FitError).code;
  }
  return "no error";
}

/** A small, well-behaved power-law-like series the bad-input tests perturb one value at a time. */
export const x = [1, 2, 3, 4, 5, 6];
export const y = [3, 2.2, 1.9, 1.75, 1.66, 1.6];
