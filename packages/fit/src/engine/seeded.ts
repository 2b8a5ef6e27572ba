import { type RandomSource, randomSource } from "@emerge/random";
import { describeValue, FitError } from "../errors.js";

/**
 * The seeded stream of a fitting function, with a bad seed reported as this package's
 * `FitError("INVALID_OPTION")` naming the option (not `@emerge/random`'s error). Seeds are
 * integers or strings, as `randomSource` takes. @internal
 */
export function seededSource(seed: unknown, what: string): RandomSource {
  if (typeof seed !== "string" && !(typeof seed === "number" && Number.isSafeInteger(seed))) {
    throw new FitError(
      "INVALID_OPTION",
      `${what} must be an integer or a string, got ${describeValue(seed)}`,
    );
  }
  try {
    return randomSource(seed);
  } catch (e) {
    throw new FitError("INVALID_OPTION", `${what}: ${(e as Error).message}`);
  }
}
