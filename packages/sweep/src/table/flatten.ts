import { isPlainObject } from "../spec/canonical-json.js";

/** A table cell: what a CSV column holds. */
export type Cell = string | number | boolean | null;

/**
 * Flatten nested objects into dotted columns (`{ optimizer: { lr: 1 } }` → `{ "optimizer.lr": 1 }`);
 * arrays become their JSON text, so every value fits a cell.
 *
 * @example
 * ```ts
 * flatten({ a: { b: 1 }, c: [1, 2] }); // { "a.b": 1, c: "[1,2]" }
 * ```
 */
export function flatten(value: unknown, prefix = ""): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  const walk = (v: unknown, path: string) => {
    if (isPlainObject(v)) {
      const entries = Object.entries(v);
      if (entries.length === 0 && path) out[path] = "{}";
      for (const [k, child] of entries) walk(child, path ? `${path}.${k}` : k);
    } else if (Array.isArray(v)) {
      out[path] = JSON.stringify(v);
    } else if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      out[path] = v;
    } else {
      out[path] = v === undefined ? null : String(v);
    }
  };
  walk(value, prefix);
  return out;
}
