import type { RandomSource } from "@emerge/random";
import { TaskError } from "../errors.js";
import type { GenerateOptions, InstanceOf } from "../instance.js";
import { checkGenerate, checkInteger, instanceRandom } from "../random.js";
import { dot, leastSquaresWeights } from "./linear-algebra.js";

/** The function classes of Garg et al. (2022), "What Can Transformers Learn In-Context?". */
export type FunctionClass = "linear" | "sparse-linear" | "decision-tree" | "relu-net";

/** Every {@link FunctionClass}. */
export const functionClasses: readonly FunctionClass[] = [
  "linear",
  "sparse-linear",
  "decision-tree",
  "relu-net",
];

/** Hyper-parameters of the function classes (Garg et al.'s defaults). */
export interface FunctionClassSettings {
  /** Input dimension d (Garg et al.: 20). */
  dims: number;
  /** Non-zero weights of sparse linear functions (3). */
  sparsity: number;
  /** Depth of decision trees (4). */
  depth: number;
  /** Hidden units of the 2-layer ReLU network (100). */
  hidden: number;
}

const defaults: FunctionClassSettings = { dims: 20, sparsity: 3, depth: 4, hidden: 100 };

/** A sampled function f: R^d → R. */
export type RegressionFunction = (x: readonly number[]) => number;

function gaussianVector(rng: RandomSource, d: number): number[] {
  return Array.from({ length: d }, () => rng.normal());
}

/**
 * Draw one function of a class, as in Garg et al.: linear w ~ N(0, I); sparse linear keeps `sparsity`
 * random coordinates of w; a decision tree splits on a random coordinate at 0 per node with N(0, 1)
 * leaves; a ReLU net is √(2/r)·Σ αᵢ ReLU(wᵢ·x) with wᵢ ~ N(0, I), αᵢ ~ N(0, 1).
 */
export function sampleFunction(
  kind: FunctionClass,
  rng: RandomSource,
  settings: FunctionClassSettings,
): RegressionFunction {
  const { dims, sparsity, depth, hidden } = settings;
  switch (kind) {
    case "linear": {
      const w = gaussianVector(rng, dims);
      return (x) => dot(w, x);
    }
    case "sparse-linear": {
      const w = gaussianVector(rng, dims);
      const keep = new Set(
        rng.sample(
          Array.from({ length: dims }, (_, i) => i),
          sparsity,
        ),
      );
      const ws = w.map((v, i) => (keep.has(i) ? v : 0));
      return (x) => dot(ws, x);
    }
    case "decision-tree": {
      // Complete binary tree stored heap-style: node i has children 2i+1, 2i+2.
      const internal = 2 ** depth - 1;
      const feature = Array.from({ length: internal }, () => rng.int(dims));
      const leaves = Array.from({ length: 2 ** depth }, () => rng.normal());
      return (x) => {
        let node = 0;
        while (node < internal) node = 2 * node + ((x[feature[node] as number] as number) > 0 ? 2 : 1);
        return leaves[node - internal] as number;
      };
    }
    case "relu-net": {
      const w = Array.from({ length: hidden }, () => gaussianVector(rng, dims));
      const alpha = gaussianVector(rng, hidden);
      const scale = Math.sqrt(2 / hidden);
      return (x) => scale * w.reduce((s, wi, i) => s + (alpha[i] as number) * Math.max(0, dot(wi, x)), 0);
    }
    default:
      throw new TaskError("UNKNOWN_FAMILY", `unknown function class "${String(kind)}"`);
  }
}

/**
 * E[f(x)²] under the class prior with x ~ N(0, I): the normaliser of the squared error
 * (d for linear and ReLU nets, the sparsity for sparse linear, 1 for trees), so that predicting 0
 * scores about 1, as in Garg et al.'s plots.
 */
export function outputVariance(kind: FunctionClass, settings: FunctionClassSettings): number {
  if (kind === "sparse-linear") return settings.sparsity;
  if (kind === "decision-tree") return 1;
  return settings.dims;
}

/** One in-context regression prompt: k labelled points and a query. */
export interface RegressionPrompt {
  readonly kind: FunctionClass;
  readonly settings: FunctionClassSettings;
  /** In-context inputs, k × d. */
  readonly xs: readonly (readonly number[])[];
  /** In-context outputs f(x). */
  readonly ys: readonly number[];
  /** The query input. */
  readonly query: readonly number[];
  /** f(query). */
  readonly target: number;
}

/** Options of {@link regressionPrompts}. */
export interface RegressionPromptOptions extends GenerateOptions, Partial<FunctionClassSettings> {
  kind: FunctionClass;
  /** In-context examples per prompt (k). */
  points: number;
}

function settingsOf(
  kind: FunctionClass,
  o: { [K in keyof FunctionClassSettings]?: number | undefined },
): FunctionClassSettings {
  const given = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const s = { ...defaults, ...given } as FunctionClassSettings;
  checkInteger("dims", s.dims, 1, 10_000);
  // sparsity only shapes sparse-linear functions: there it must fit in d; for the other classes an
  // unset (default 3) or unused value must not reject a small d (d = 2 linear regression is valid)
  if (kind === "sparse-linear") checkInteger("sparsity", s.sparsity, 1, s.dims);
  else {
    checkInteger("sparsity", s.sparsity, 1, 10_000);
    s.sparsity = Math.min(s.sparsity, s.dims);
  }
  checkInteger("depth", s.depth, 1, 20);
  checkInteger("hidden", s.hidden, 1, 100_000);
  return s;
}

/**
 * In-context regression prompts of Garg et al. (2022): a fresh function per prompt, x ~ N(0, I_d).
 *
 * @example
 * ```ts
 * const [p] = regressionPrompts({ kind: "linear", dims: 5, points: 10, n: 1, seed: 0 });
 * normalizedSquaredError(leastSquares(p.xs, p.ys, p.query), p.target, p.kind, p.settings); // ≈ 0
 * ```
 */
export function regressionPrompts(options: RegressionPromptOptions): RegressionPrompt[] {
  const { kind, points, n, seed, dims, sparsity, depth, hidden } = options;
  if (!functionClasses.includes(kind))
    throw new TaskError("UNKNOWN_FAMILY", `unknown function class "${String(kind)}"`);
  checkGenerate(n, seed);
  checkInteger("points", points, 0, 100_000);
  const settings = settingsOf(kind, { dims, sparsity, depth, hidden });
  const out: RegressionPrompt[] = [];
  for (let i = 0; i < n; i++) {
    const rng = instanceRandom(`function-${kind}`, seed, i);
    const f = sampleFunction(kind, rng, settings);
    const xs = Array.from({ length: points }, () => gaussianVector(rng, settings.dims));
    const query = gaussianVector(rng, settings.dims);
    out.push({ kind, settings, xs, ys: xs.map(f), query, target: f(query) });
  }
  return out;
}

/** Least-squares baseline: the minimum-norm least-squares fit, evaluated at the query. */
export function leastSquares(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  query: readonly number[],
): number {
  if (xs.length === 0) return 0;
  return dot(leastSquaresWeights(xs, ys), query);
}

/** k-nearest-neighbours baseline (Garg et al. use k = 3): the mean output of the closest inputs. */
export function nearestNeighbors(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  query: readonly number[],
  k = 3,
): number {
  if (xs.length === 0) return 0;
  const dist = xs.map((x, i) => ({ i, d: x.reduce((s, v, j) => s + (v - (query[j] as number)) ** 2, 0) }));
  dist.sort((a, b) => a.d - b.d || a.i - b.i);
  const near = dist.slice(0, Math.min(k, xs.length));
  return near.reduce((s, { i }) => s + (ys[i] as number), 0) / near.length;
}

/** Averaging baseline: ŵ = mean(yᵢ xᵢ), prediction ŵ·query. */
export function averaging(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  query: readonly number[],
): number {
  if (xs.length === 0) return 0;
  const d = query.length;
  const w = new Array<number>(d).fill(0);
  xs.forEach((x, i) => {
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) + ((ys[i] as number) * (x[j] as number)) / xs.length;
  });
  return dot(w, query);
}

/** Squared error divided by {@link outputVariance}: 1 is the error of always predicting 0. */
export function normalizedSquaredError(
  prediction: number,
  target: number,
  kind: FunctionClass,
  settings: FunctionClassSettings,
): number {
  return (prediction - target) ** 2 / outputVariance(kind, settings);
}

/** Options of {@link serializeRegressionPrompt}. */
export interface SerializeOptions {
  /** Decimals per number (default 2). */
  decimals?: number;
}

/**
 * A regression prompt as text for a language model: one `x: [..] -> y: ..` line per example,
 * the query line ending `y:`; the target is ` <f(query)>` at the same precision.
 *
 * @example
 * ```ts
 * serializeRegressionPrompt({ kind: "linear", settings, xs: [[1, 2]], ys: [3], query: [0, 1], target: 2 }).prompt;
 * // "x: [1.00, 2.00] -> y: 3.00\nx: [0.00, 1.00] -> y:"
 * ```
 */
export function serializeRegressionPrompt(p: RegressionPrompt, options: SerializeOptions = {}) {
  const { decimals = 2 } = options;
  checkInteger("decimals", decimals, 0, 12);
  const num = (v: number) => {
    const s = v.toFixed(decimals);
    return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
  };
  const vec = (x: readonly number[]) => `[${x.map(num).join(", ")}]`;
  const lines = p.xs.map((x, i) => `x: ${vec(x)} -> y: ${num(p.ys[i] as number)}`);
  lines.push(`x: ${vec(p.query)} -> y:`);
  const answer = num(p.target);
  return { prompt: lines.join("\n"), target: ` ${answer}`, answer };
}

/** The meta of a `function-regression` instance: the function class, its settings and baseline errors. */
export type FunctionRegressionMeta = {
  readonly kind: FunctionClass;
  readonly points: number;
  readonly dims: number;
  readonly sparsity: number;
  readonly depth: number;
  readonly hidden: number;
  readonly decimals: number;
  /** f(query), unrounded. */
  readonly targetValue: number;
  /** Normalised squared error of least squares on this prompt (≈ 0 for linear functions). */
  readonly leastSquaresError: number;
  readonly nearestNeighborsError: number;
  readonly averagingError: number;
};

/** Options of {@link functionRegression}. */
export type FunctionRegressionOptions = RegressionPromptOptions & SerializeOptions;

/**
 * Function-class in-context regression serialised as text instances (for LLM evaluation), with the
 * three baselines' predictions and errors in `meta`.
 *
 * @example
 * ```ts
 * functionRegression({ kind: "sparse-linear", dims: 5, points: 8, n: 2, seed: 0 })[0].meta.leastSquaresError;
 * ```
 */
export function functionRegression(
  options: FunctionRegressionOptions,
): InstanceOf<FunctionRegressionMeta, "function-regression">[] {
  const { decimals = 2, ...rest } = options;
  return regressionPrompts(rest).map((p, i) => {
    const text = serializeRegressionPrompt(p, { decimals });
    const ls = leastSquares(p.xs, p.ys, p.query);
    const nn = nearestNeighbors(p.xs, p.ys, p.query);
    const avg = averaging(p.xs, p.ys, p.query);
    const nse = (v: number) => normalizedSquaredError(v, p.target, p.kind, p.settings);
    return {
      id: `function-regression/${options.seed}/${i}`,
      family: "function-regression",
      ...text,
      meta: {
        kind: p.kind,
        points: p.xs.length,
        ...p.settings,
        decimals,
        targetValue: p.target,
        leastSquaresError: nse(ls),
        nearestNeighborsError: nse(nn),
        averagingError: nse(avg),
      },
    };
  });
}
