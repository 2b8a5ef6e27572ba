import { SweepError } from "../errors.js";

/** A JSON value: what a job config and a job result may contain. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: the shape of a job config. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Serialize a JSON value with object keys sorted at every depth, so that equal configs give equal text
 * whatever order their keys were written in. Numbers use JavaScript's shortest round-trip form, the same
 * on every engine, so the text (and its hash) is the same on every machine.
 *
 * Throws {@link SweepError} `INVALID_CONFIG` on what JSON cannot carry faithfully: `NaN`, `Infinity`,
 * `undefined`, functions, bigints, class instances and cycles (plain `JSON.stringify` would silently turn
 * some of these into `null` or drop them).
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return write(value, "$", new Set());
}

function write(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw invalid(path, `is ${value}, which JSON cannot represent`);
      return JSON.stringify(value);
    case "object": {
      if (seen.has(value)) throw invalid(path, "is a cycle");
      seen.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out = `[${value.map((v, i) => write(v, `${path}[${i}]`, seen)).join(",")}]`;
      } else {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) throw invalid(path, "is not a plain object");
        const keys = Object.keys(value).sort();
        const entries: string[] = [];
        for (const key of keys) {
          const v = (value as Record<string, unknown>)[key];
          if (v === undefined) throw invalid(`${path}.${key}`, "is undefined");
          entries.push(`${JSON.stringify(key)}:${write(v, `${path}.${key}`, seen)}`);
        }
        out = `{${entries.join(",")}}`;
      }
      seen.delete(value);
      return out;
    }
    default:
      throw invalid(path, `is a ${typeof value}, which JSON cannot represent`);
  }
}

function invalid(path: string, why: string): SweepError {
  return new SweepError("INVALID_CONFIG", `${path} ${why}`);
}

/** True for a plain object (not an array, not null, not a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
