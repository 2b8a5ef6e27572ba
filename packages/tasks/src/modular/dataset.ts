import { randomSource } from "@emerge/random";
import { TaskError } from "../errors.js";
import { modularEquation } from "./equation.js";
import {
  applyModular,
  checkModulus,
  isPermutationOperation,
  type ModularOperation,
  modularOperations,
  pairAllowed,
} from "./operations.js";
import { permutationTable, S5 } from "./permutations.js";

/** Options of {@link modularDataset}. */
export interface ModularDatasetOptions {
  /** The binary operation. */
  op: ModularOperation;
  /** The modulus (≥ 2; prime for `div` and `mixed`); ignored for the S5 operations. */
  p: number;
  /** The fraction of all pairs that goes to the training split, in (0, 1). */
  trainFraction: number;
  /** The split seed. */
  seed: number | string;
}

/** One split as parallel typed arrays of token ids in [0, vocabSize). */
export interface ModularSplit {
  /** Left operands. */
  readonly a: Int32Array;
  /** Right operands. */
  readonly b: Int32Array;
  /** Results `a op b`. */
  readonly target: Int32Array;
  /** The number of equations. */
  readonly size: number;
}

/** A modular-arithmetic (or S5) dataset, split into train and test. */
export interface ModularDataset {
  /** The options it was built from. */
  readonly options: Readonly<ModularDatasetOptions>;
  /** The number of input tokens, equal to the number of output classes (p, or 120 for S5). */
  readonly vocabSize: number;
  /** The training equations. */
  readonly train: ModularSplit;
  /** The held-out equations. */
  readonly test: ModularSplit;
  /** The text form of one equation, e.g. `"3 + 5 = 1 (mod 7)"`. Throws for pairs outside the domain. */
  equation(a: number, b: number): string;
}

function checkOptions(options: ModularDatasetOptions): void {
  if (options === null || typeof options !== "object") {
    throw new TaskError("INVALID_ARGUMENT", "modularDataset needs an options object");
  }
  if (!modularOperations.includes(options.op)) {
    throw new TaskError(
      "UNKNOWN_OPERATION",
      `unknown modular operation "${String(options.op)}"; expected one of ${modularOperations.join(", ")}`,
    );
  }
  if (!isPermutationOperation(options.op)) checkModulus(options.op, options.p);
  const f = options.trainFraction;
  if (typeof f !== "number" || !(f > 0 && f < 1)) {
    throw new TaskError("INVALID_ARGUMENT", `trainFraction must be a number in (0, 1), got ${String(f)}`);
  }
  const s = options.seed;
  if (typeof s !== "string" && !Number.isSafeInteger(s)) {
    throw new TaskError("INVALID_ARGUMENT", `seed must be a safe integer or a string, got ${String(s)}`);
  }
}

function split(a: Int32Array, b: Int32Array, t: Int32Array, order: Int32Array, from: number, to: number) {
  const size = to - from;
  const out = { a: new Int32Array(size), b: new Int32Array(size), target: new Int32Array(size), size };
  for (let k = 0; k < size; k++) {
    const i = order[from + k] as number;
    out.a[k] = a[i] as number;
    out.b[k] = b[i] as number;
    out.target[k] = t[i] as number;
  }
  return Object.freeze(out);
}

/**
 * Every equation `a op b = c` of a Power et al. (2022) grokking task, split into train and test.
 *
 * All pairs allowed by the operation are enumerated with `a` outer and `b` inner, both ascending
 * (division skips b = 0), shuffled with `randomSource(seed)` (Fisher–Yates, the same draws as
 * `RandomSource.shuffle`), and the first `round(trainFraction · N)` go to train. The same options
 * give the same split on every machine. Throws {@link TaskError} on bad input: `NOT_PRIME` for
 * division with a composite modulus, `INVALID_MODULUS`, `UNKNOWN_OPERATION`, `INVALID_ARGUMENT`,
 * or `EMPTY_SPLIT` when the fraction leaves a split empty.
 *
 * @example
 * ```ts
 * const data = modularDataset({ op: "add", p: 97, trainFraction: 0.3, seed: 0 });
 * data.vocabSize; // 97
 * data.train.size + data.test.size; // 9409
 * data.equation(3, 5); // "3 + 5 = 8 (mod 97)"
 * ```
 */
export function modularDataset(options: ModularDatasetOptions): ModularDataset {
  checkOptions(options);
  const { op, trainFraction, seed } = options;
  const permutation = isPermutationOperation(op);
  const n = permutation ? S5.length : options.p;
  const all = { a: new Int32Array(n * n), b: new Int32Array(n * n), t: new Int32Array(n * n) };
  let count = 0;
  if (permutation) {
    const tab = permutationTable(op);
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) {
        all.a[count] = x;
        all.b[count] = y;
        all.t[count++] = tab[x * n + y] as number;
      }
    }
  } else {
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) {
        if (!pairAllowed(op, x, y)) continue;
        all.a[count] = x;
        all.b[count] = y;
        all.t[count++] = applyModular(op, x, y, n);
      }
    }
  }
  const trainSize = Math.round(trainFraction * count);
  if (trainSize === 0 || trainSize === count) {
    throw new TaskError(
      "EMPTY_SPLIT",
      `trainFraction ${trainFraction} of ${count} equations leaves the ${trainSize === 0 ? "train" : "test"} split empty`,
    );
  }
  // Fisher–Yates over indices on a typed array; identical draws to RandomSource.shuffle.
  const rng = randomSource(seed);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = order[i] as number;
    order[i] = order[j] as number;
    order[j] = tmp;
  }
  const train = split(all.a, all.b, all.t, order, 0, trainSize);
  const test = split(all.a, all.b, all.t, order, trainSize, count);
  const frozenOptions = Object.freeze({ op, p: options.p, trainFraction, seed });

  const equation = (a: number, b: number): string => {
    for (const [name, v] of [
      ["a", a],
      ["b", b],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= n) {
        throw new TaskError("OUT_OF_RANGE", `${name} must be a token id in [0, ${n}), got ${String(v)}`);
      }
    }
    const { lhs, result, domain } = modularEquation(op, a, b, n);
    return `${lhs} = ${result} ${domain}`;
  };

  return Object.freeze({ options: frozenOptions, vocabSize: n, train, test, equation });
}
