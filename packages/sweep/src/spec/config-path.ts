import { SweepError } from "../errors.js";
import { isPlainObject, type JsonObject, type JsonValue } from "./canonical-json.js";

/**
 * Return a copy of `config` with the value at a dotted path (`"optimizer.weightDecay"`) replaced,
 * creating intermediate objects as needed. Nothing is mutated: sweeps share one base config.
 */
export function setPath(config: JsonObject, path: string, value: JsonValue): JsonObject {
  const keys = splitPath(path);
  const set = (node: JsonObject, depth: number): JsonObject => {
    const key = keys[depth]!;
    if (depth === keys.length - 1) return { ...node, [key]: value };
    const child = node[key];
    if (child !== undefined && !isPlainObject(child)) {
      throw new SweepError(
        "INVALID_SPEC",
        `cannot set "${path}": "${keys.slice(0, depth + 1).join(".")}" is not an object in the base config`,
      );
    }
    return { ...node, [key]: set((child as JsonObject | undefined) ?? {}, depth + 1) };
  };
  return set(config, 0);
}

/** The keys of a dotted path; throws `INVALID_SPEC` on empty segments. */
export function splitPath(path: string): string[] {
  const keys = path.split(".");
  if (keys.some((k) => k.length === 0)) {
    throw new SweepError("INVALID_SPEC", `"${path}" is not a valid dotted path (empty segment)`);
  }
  return keys;
}
