import { derivative, type MathNode, parse } from "mathjs";
import { describeValue, FitError } from "../errors.js";
import * as DDM from "../linalg/double-double.js";
import { finiteDifferenceJacobian } from "./finite-difference.js";
import type { Model } from "./model.js";

/** Options of {@link formula}. */
export interface FormulaOptions {
  /** Parameter names, in the order of parameter vectors. */
  readonly params: readonly string[];
  /** Independent-variable names (default `["x"]`). */
  readonly variables?: readonly string[];
  /**
   * `"symbolic"` (default): exact ∂f/∂θ from mathjs `derivative()`. `"finite-difference"`: central
   * differences, the explicit fallback for expressions mathjs cannot differentiate.
   */
  readonly jacobian?: "symbolic" | "finite-difference";
  /** Starting points tried by default (each a full parameter vector). */
  readonly starts?: readonly (readonly number[])[];
  /** Lower bounds per parameter (default −∞). */
  readonly lower?: readonly number[];
  /** Upper bounds per parameter (default +∞). */
  readonly upper?: readonly number[];
  /** Model name for reports (default: the expression). */
  readonly name?: string;
}

const FUNCTIONS: Record<string, string> = {
  exp: "Math.exp",
  log: "Math.log",
  log10: "Math.log10",
  log2: "Math.log2",
  log1p: "Math.log1p",
  expm1: "Math.expm1",
  sqrt: "Math.sqrt",
  cbrt: "Math.cbrt",
  abs: "Math.abs",
  sign: "Math.sign",
  sin: "Math.sin",
  cos: "Math.cos",
  tan: "Math.tan",
  asin: "Math.asin",
  acos: "Math.acos",
  atan: "Math.atan",
  sinh: "Math.sinh",
  cosh: "Math.cosh",
  tanh: "Math.tanh",
  asinh: "Math.asinh",
  acosh: "Math.acosh",
  atanh: "Math.atanh",
  pow: "Math.pow",
  sec: "1/Math.cos",
  csc: "1/Math.sin",
  cot: "1/Math.tan",
};
// Declared parameters and variables shadow these (so `E` can be the irreducible loss).
const CONSTANTS: Record<string, string> = { pi: "Math.PI", e: "Math.E", PI: "Math.PI", E: "Math.E" };
const BINARY: Record<string, string> = { add: "+", subtract: "-", multiply: "*", divide: "/" };

/**
 * `table[key]` only when `key` is the table's own entry. A plain lookup would find `constructor`,
 * `toString` or `__proto__` on Object.prototype and splice a function's source into the kernel.
 */
function own(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The name of a plain function call `f(…)`; undefined for `obj.f(…)`, `f[0](…)` and other callee shapes. */
function calleeName(fn: unknown): string | undefined {
  if (typeof fn === "string") return fn;
  const node = fn as { type?: string; name?: string } | undefined;
  return node?.type === "SymbolNode" && typeof node.name === "string" ? node.name : undefined;
}

interface Scope {
  readonly params: readonly string[];
  readonly variables: readonly string[];
  readonly source: string;
}

/** Compile a mathjs expression tree to a JavaScript expression over locals p0…, x0…. @internal */
export function toJs(node: MathNode, scope: Scope): string {
  const n = node as MathNode & {
    type: string;
    value?: unknown;
    name?: string;
    fn?: { name?: string } | string;
    op?: string;
    args?: MathNode[];
    content?: MathNode;
  };
  switch (n.type) {
    case "ConstantNode": {
      const v = Number(n.value);
      if (!Number.isFinite(v))
        throw new FitError("UNKNOWN_SYMBOL", `unsupported constant ${describeValue(n.value)}`);
      return `(${v})`;
    }
    case "SymbolNode": {
      const name = n.name!;
      const pi = scope.params.indexOf(name);
      if (pi >= 0) return `p${pi}`;
      const vi = scope.variables.indexOf(name);
      if (vi >= 0) return `x${vi}`;
      const c = own(CONSTANTS, name);
      if (c !== undefined) return c;
      throw new FitError(
        "UNKNOWN_SYMBOL",
        `unknown symbol "${name}" in "${scope.source}": not a parameter (${scope.params.join(", ")}) or variable (${scope.variables.join(", ")})`,
      );
    }
    case "ParenthesisNode":
      return toJs(n.content!, scope);
    case "OperatorNode": {
      const fn = n.fn as string;
      const args = n.args!.map((a) => toJs(a, scope));
      if (fn === "unaryMinus") return `(-${args[0]})`;
      if (fn === "unaryPlus") return `(${args[0]})`;
      if (fn === "pow") return `Math.pow(${args[0]}, ${args[1]})`;
      const op = own(BINARY, fn);
      if (op === undefined || args.length !== 2) {
        throw new FitError("UNKNOWN_SYMBOL", `unsupported operator "${n.op ?? fn}" in "${scope.source}"`);
      }
      return `(${args[0]} ${op} ${args[1]})`;
    }
    case "FunctionNode": {
      const fname = calleeName(n.fn);
      if (fname === undefined) {
        // `evil.exp(x)` parses as a call whose callee is an accessor: reject it rather than drop `evil`.
        throw new FitError(
          "UNKNOWN_SYMBOL",
          `only plain function calls such as exp(x) are allowed in "${scope.source}"`,
        );
      }
      const args = n.args!.map((a) => toJs(a, scope));
      if (fname === "log" && args.length === 2) return `(Math.log(${args[0]}) / Math.log(${args[1]}))`;
      if (fname === "square" && args.length === 1) return `Math.pow(${args[0]}, 2)`;
      if (fname === "cube" && args.length === 1) return `Math.pow(${args[0]}, 3)`;
      const js = own(FUNCTIONS, fname);
      if (js === undefined)
        throw new FitError("UNKNOWN_SYMBOL", `unknown function "${fname}" in "${scope.source}"`);
      return `${js}(${args.join(", ")})`;
    }
    default:
      throw new FitError("UNKNOWN_SYMBOL", `unsupported expression element (${n.type}) in "${scope.source}"`);
  }
}

const DD_FUNCTIONS: Record<string, string> = { exp: "D.exp", log: "D.log", sqrt: "D.sqrt" };
const DD_CONSTANTS: Record<string, string> = { pi: "D.PI", PI: "D.PI", e: "D.E", E: "D.E" };

/** Compile to a double-double expression over locals p0… (doubles) and x0… (pairs). @internal */
export function toDdJs(node: MathNode, scope: Scope): string {
  const n = node as MathNode & {
    type: string;
    value?: unknown;
    name?: string;
    fn?: { name?: string } | string;
    args?: MathNode[];
    content?: MathNode;
  };
  switch (n.type) {
    case "ConstantNode":
      return `D.fromDecimal(${Number(n.value)})`;
    case "SymbolNode": {
      const name = n.name!;
      const pi = scope.params.indexOf(name);
      if (pi >= 0) return `[p${pi}, 0]`;
      const vi = scope.variables.indexOf(name);
      if (vi >= 0) return `x${vi}`;
      return own(DD_CONSTANTS, name)!;
    }
    case "ParenthesisNode":
      return toDdJs(n.content!, scope);
    case "OperatorNode": {
      const fn = n.fn as string;
      const args = n.args!.map((a) => toDdJs(a, scope));
      if (fn === "unaryMinus") return `D.neg(${args[0]})`;
      if (fn === "unaryPlus") return args[0]!;
      const op = own(
        { add: "D.add", subtract: "D.sub", multiply: "D.mul", divide: "D.div", pow: "D.pow" },
        fn,
      )!;
      return `${op}(${args[0]}, ${args[1]})`;
    }
    default: {
      const fname = calleeName(n.fn) ?? "";
      const args = n.args!.map((a) => toDdJs(a, scope));
      const ddf = own(DD_FUNCTIONS, fname);
      if (ddf && args.length === 1) return `${ddf}(${args[0]})`;
      if (fname === "log" && args.length === 2) return `D.div(D.log(${args[0]}), D.log(${args[1]}))`;
      if (fname === "square") return `D.mul(${args[0]}, ${args[0]})`;
      if (fname === "cube") return `D.mul(D.mul(${args[0]}, ${args[0]}), ${args[0]})`;
      // Functions without a double-double version run in double precision on the rounded argument.
      return `[${own(FUNCTIONS, fname)}(${args.map((a) => `D.value(${a})`).join(", ")}), 0]`;
    }
  }
}

function kernel(scope: Scope, body: string): string {
  const head = scope.params.map((_, k) => `const p${k} = p[${k}];`).join("");
  const cols = scope.variables.map((_, k) => `const X${k} = X[${k}];`).join("");
  const load = scope.variables.map((_, k) => `const x${k} = X${k}[i];`).join("");
  return `"use strict";${head}${cols}for (let i = 0; i < n; i++) {${load}${body}}`;
}

function checkNames(params: readonly string[], variables: readonly string[]): void {
  const seen = new Set<string>();
  for (const s of [...params, ...variables]) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s))
      throw new FitError("INVALID_OPTION", `invalid symbol name "${s}"`);
    if (seen.has(s)) throw new FitError("INVALID_OPTION", `symbol "${s}" is declared twice`);
    seen.add(s);
  }
  if (params.length === 0) throw new FitError("INVALID_OPTION", "a formula needs at least one parameter");
}

type Kernel = (p: ArrayLike<number>, X: readonly Float64Array[], n: number, out: Float64Array) => void;

/**
 * A {@link Model} from a formula string. mathjs parses it once and differentiates it
 * symbolically; function and Jacobian are then compiled to plain JavaScript loops, so a fit never
 * interprets the expression per point.
 *
 * @example
 * ```ts
 * const model = formula("E + A / N^alpha", { params: ["E", "A", "alpha"], variables: ["N"] });
 * const result = fit(model, { x: [1e6, 1e7, 1e8, 1e9], y: [4.1, 3.3, 2.9, 2.7] }, { start: [2, 50, 0.3] });
 * ```
 */
export function formula(expression: string, options: FormulaOptions): Model {
  const params = [...options.params];
  const variables = [...(options.variables ?? ["x"])];
  checkNames(params, variables);
  let tree: MathNode;
  try {
    tree = parse(expression);
  } catch (e) {
    throw new FitError("INVALID_OPTION", `cannot parse "${expression}": ${(e as Error).message}`);
  }
  const scope: Scope = { params, variables, source: expression };
  const valueJs = toJs(tree, scope);
  // Indirect construction keeps bundlers from flagging eval while compiling the kernels once.
  const make = (body: string): Kernel =>
    new Function("p", "X", "n", "out", kernel(scope, body)) as unknown as Kernel;
  const evaluate = make(`out[i] = ${valueJs};`);
  let jacobian: Kernel;
  if (options.jacobian === "finite-difference") {
    jacobian = finiteDifferenceJacobian(evaluate);
  } else {
    const parts = params.map((name, j) => {
      let d: MathNode;
      try {
        d = derivative(tree, name, { simplify: false });
      } catch (e) {
        throw new FitError(
          "INVALID_OPTION",
          `mathjs cannot differentiate "${expression}" by ${name} (${(e as Error).message}); pass jacobian: "finite-difference" to fall back`,
        );
      }
      return `out[${j} * n + i] = ${toJs(d, scope)};`;
    });
    jacobian = make(parts.join(""));
  }
  const ddJs = toDdJs(tree, scope);
  const ddHead = params.map((_, k) => `const p${k} = p[${k}];`).join("");
  const ddLoad = variables.map((_, k) => `const x${k} = [XH[${k}][i], XL[${k}][i]];`).join("");
  const ddKernel = new Function(
    "D",
    "p",
    "XH",
    "XL",
    "n",
    "outH",
    "outL",
    `"use strict";${ddHead}for (let i = 0; i < n; i++) {${ddLoad}const v = ${ddJs}; outH[i] = v[0]; outL[i] = v[1];}`,
  ) as (
    d: typeof DDM,
    p: ArrayLike<number>,
    XH: readonly Float64Array[],
    XL: readonly Float64Array[],
    n: number,
    outH: Float64Array,
    outL: Float64Array,
  ) => void;
  const evaluatePrecise: NonNullable<Model["evaluatePrecise"]> = (p, XH, XL, n, outH, outL) =>
    ddKernel(DDM, p, XH, XL, n, outH, outL);
  const check = (bounds: readonly number[] | undefined, what: string) => {
    if (bounds !== undefined && bounds.length !== params.length) {
      throw new FitError(
        "LENGTH_MISMATCH",
        `${what} has ${bounds.length} entries for ${params.length} parameters`,
      );
    }
  };
  check(options.lower, "lower");
  check(options.upper, "upper");
  const starts = options.starts?.map((s) => {
    check(s, "a start");
    return [...s];
  });
  return {
    name: options.name ?? expression,
    expression,
    params,
    variables,
    evaluate,
    jacobian,
    evaluatePrecise,
    ...(starts ? { defaultStarts: () => starts.map((s) => [...s]) } : {}),
    ...(options.lower ? { lower: [...options.lower] } : {}),
    ...(options.upper ? { upper: [...options.upper] } : {}),
  };
}
