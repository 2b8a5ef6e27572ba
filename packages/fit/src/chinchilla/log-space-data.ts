import { requirePositive } from "../data.js";
import { describeValue, FitError } from "../errors.js";
import type { LogSpaceData } from "./objective.js";

/** Observations for {@link fitChinchilla}: sizes, tokens and losses, all positive. */
export interface ChinchillaData {
  readonly N: readonly number[];
  readonly D: readonly number[];
  readonly loss: readonly number[];
}

/** Validate and log-transform the data. @internal */
export function logSpaceData(data: ChinchillaData): LogSpaceData {
  if (data === null || typeof data !== "object") {
    throw new FitError("INVALID_DATA", `Chinchilla data must be { N, D, loss }, got ${describeValue(data)}`);
  }
  if (!Array.isArray(data.N) || !Array.isArray(data.D) || !Array.isArray(data.loss)) {
    throw new FitError("INVALID_DATA", "Chinchilla data needs arrays N, D and loss");
  }
  const n = data.loss.length;
  if (data.N.length !== n || data.D.length !== n) {
    throw new FitError(
      "LENGTH_MISMATCH",
      `N (${data.N.length}), D (${data.D.length}) and loss (${n}) differ in length`,
    );
  }
  if (n < 6) throw new FitError("TOO_FEW_POINTS", `${n} points cannot determine 5 parameters`);
  for (const [name, v] of [
    ["N", data.N],
    ["D", data.D],
    ["loss", data.loss],
  ] as const) {
    for (let i = 0; i < n; i++) {
      if (typeof v[i] !== "number" || !Number.isFinite(v[i]!)) {
        throw new FitError("INVALID_DATA", `${name}[${i}] is ${describeValue(v[i])}`);
      }
    }
    requirePositive(v, name);
  }
  return {
    logN: Float64Array.from(data.N, Math.log),
    logD: Float64Array.from(data.D, Math.log),
    logL: Float64Array.from(data.loss, Math.log),
    weight: new Float64Array(n).fill(1),
  };
}
