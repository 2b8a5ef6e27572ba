import { TaskError } from "../errors.js";
import type { TaskInstance } from "../instance.js";
import { checkGenerate } from "../random.js";
import { type ModularDatasetOptions, modularDataset } from "./dataset.js";
import { modularEquation } from "./equation.js";
import type { ModularOperation } from "./operations.js";

/** The meta of a `modular` instance: the dataset it came from and the equation's operands and token. */
export type ModularTextMeta = {
  readonly op: ModularOperation;
  readonly p: number;
  readonly trainFraction: number;
  readonly split: "train" | "test";
  readonly a: number;
  readonly b: number;
  readonly token: number;
};

/** Options of {@link modularText}. */
export interface ModularTextOptions extends ModularDatasetOptions {
  /** Which split to draw from (default `"test"`). */
  split?: "train" | "test" | "all";
  /** Number of equations (at most the split's size). */
  n: number;
}

/**
 * Modular-arithmetic equations as text instances, e.g. prompt `"3 + 5 (mod 7) ="`, target `" 1"`,
 * taken in split order from {@link modularDataset}, so text and tensor splits agree.
 *
 * @example
 * ```ts
 * modularText({ op: "add", p: 7, trainFraction: 0.5, seed: 0, n: 2, split: "train" });
 * ```
 */
export function modularText(options: ModularTextOptions): TaskInstance<"modular">[] {
  const { split = "test", n, ...datasetOptions } = options;
  checkGenerate(n, datasetOptions.seed);
  const data = modularDataset(datasetOptions);
  const parts =
    split === "all"
      ? [data.train, data.test]
      : split === "train"
        ? [data.train]
        : split === "test"
          ? [data.test]
          : undefined;
  if (parts === undefined)
    throw new TaskError("INVALID_ARGUMENT", `split must be train, test or all, got "${String(split)}"`);
  const size = parts.reduce((s, p) => s + p.size, 0);
  if (n > size)
    throw new TaskError(
      "NOT_ENOUGH_EXAMPLES",
      `the ${split} split has ${size} equations, fewer than n = ${n}`,
    );
  const out: TaskInstance<"modular">[] = [];
  for (const part of parts) {
    const name = part === data.train ? "train" : "test";
    for (let i = 0; i < part.size && out.length < n; i++) {
      const a = part.a[i] as number;
      const b = part.b[i] as number;
      const eq = modularEquation(datasetOptions.op, a, b, data.vocabSize);
      out.push({
        id: `modular/${datasetOptions.seed}/${out.length}`,
        family: "modular",
        prompt: `${eq.lhs} ${eq.domain} =`,
        target: ` ${eq.result}`,
        answer: eq.result,
        meta: {
          op: datasetOptions.op,
          p: data.vocabSize,
          trainFraction: datasetOptions.trainFraction,
          split: name,
          a,
          b,
          token: eq.token,
        },
      });
    }
  }
  return out;
}
