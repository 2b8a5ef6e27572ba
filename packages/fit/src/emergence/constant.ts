import type { Model } from "../models/model.js";

/**
 * The same score at every size, f(x) = level: the null curve of the "flat" verdict (no change beyond
 * noise). Parameter `level`.
 *
 * @example
 * ```ts
 * fit(constantLevel(), { x: [1e8, 1e9, 1e10], y: [0.25, 0.26, 0.24] }).params.level; // 0.25
 * ```
 * @internal
 */
export function constantLevel(): Model {
  return {
    name: "constant",
    expression: "level",
    params: ["level"],
    variables: ["x"],
    evaluate(p, _x, n, out) {
      for (let i = 0; i < n; i++) out[i] = p[0]!;
    },
    jacobian(_p, _x, n, out) {
      for (let i = 0; i < n; i++) out[i] = 1;
    },
    defaultStarts(_x, y) {
      return [[Array.from(y).reduce((s, v) => s + v, 0) / y.length]];
    },
  };
}
