import { describeValue, FitError } from "../errors.js";
import type { Model } from "../models/model.js";

/** A parameter vector, as an array in `model.params` order or a record by name. */
export type ParamInput = readonly number[] | Readonly<Record<string, number>>;

/**
 * Read a parameter vector given as an array or a record by name; names absent from a record take
 * `fill` (or are an error without one). Own properties only, so a parameter named `constructor`
 * never reads Object.prototype. @internal
 */
export function paramVector(model: Model, v: ParamInput, what: string, fill?: number): number[] {
  if (Array.isArray(v)) {
    if (v.length !== model.params.length) {
      throw new FitError(
        "LENGTH_MISMATCH",
        `${what} has ${v.length} values for ${model.params.length} parameters`,
      );
    }
    return v.map((x, j) => {
      if (typeof x !== "number" || Number.isNaN(x)) {
        throw new FitError(
          "INVALID_OPTION",
          `${what}[${model.params[j]}] is not a number (${describeValue(x)})`,
        );
      }
      return x;
    });
  }
  if (v === null || typeof v !== "object") {
    throw new FitError(
      "INVALID_OPTION",
      `${what} must be an array or a record by parameter name, got ${describeValue(v)}`,
    );
  }
  const rec = v as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(rec)) {
    if (!model.params.includes(key))
      throw new FitError("UNKNOWN_SYMBOL", `${what} names unknown parameter "${key}"`);
  }
  return model.params.map((name) => {
    const x = Object.hasOwn(rec, name) ? rec[name] : fill;
    if (x === undefined) throw new FitError("INVALID_OPTION", `${what} is missing parameter "${name}"`);
    if (typeof x !== "number" || Number.isNaN(x)) {
      throw new FitError("INVALID_OPTION", `${what}.${name} is not a number (${describeValue(x)})`);
    }
    return x;
  });
}

/** A record keyed by parameter name with no prototype, so `__proto__` is an ordinary key. @internal */
export function paramRecord<T>(
  names: readonly string[],
  value: (name: string, j: number) => T,
): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  names.forEach((name, j) => {
    out[name] = value(name, j);
  });
  return out;
}
