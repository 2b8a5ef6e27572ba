import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type FitResult, fit, formula, logRelativeError, type Model } from "../src/index.js";

/** One NIST StRD problem as stored in data/nist.json. */
export interface NistProblem {
  name: string;
  difficulty: "lower" | "average" | "higher";
  expression: string;
  params: string[];
  variables: string[];
  response: string;
  x: Record<string, number[]>;
  y: number[];
  starts: [number[], number[]];
  certified: { values: number[]; stdErrors: number[]; rss: number; residualSd: number; dof: number };
}

/** Load the 27 problems shipped in the package's data folder. */
export function loadNist(): NistProblem[] {
  const path = fileURLToPath(new URL("../data/nist.json", import.meta.url));
  return (JSON.parse(readFileSync(path, "utf8")) as { problems: NistProblem[] }).problems;
}

/** Outcome of one problem from one start. */
export interface NistRun {
  problem: string;
  difficulty: string;
  start: 1 | 2;
  lreParams: number;
  lreStderr: number;
  lreRss: number;
  evaluations: number;
  reason: string;
  ms: number;
  result: FitResult | undefined;
}

// Compiled once per problem, as a user fitting many datasets with one formula would.
const models = new Map<string, Model>();

/** Fit one problem from start 1 or 2 with default options; LREs are minima over parameters. */
export function runNist(p: NistProblem, start: 1 | 2): NistRun {
  let model = models.get(p.name);
  if (!model) {
    model = formula(p.expression, { params: p.params, variables: p.variables, name: p.name });
    models.set(p.name, model);
  }
  const y = p.response === "log(y)" ? p.y.map(Math.log) : p.y;
  const x = p.variables.length === 1 ? p.x[p.variables[0]!]! : p.x;
  const t0 = performance.now();
  let result: FitResult | undefined;
  try {
    result = fit(model, { x, y }, { start: p.starts[start - 1]! });
  } catch {
    result = undefined;
  }
  const ms = performance.now() - t0;
  const lre = (get: (r: FitResult, j: number) => number, cert: number[]) =>
    result ? Math.min(...cert.map((c, j) => logRelativeError(get(result!, j), c))) : 0;
  return {
    problem: p.name,
    difficulty: p.difficulty,
    start,
    lreParams: lre((r, j) => r.params[p.params[j]!]!, p.certified.values),
    lreStderr: lre((r, j) => r.stderr[p.params[j]!]!, p.certified.stdErrors),
    lreRss: result ? logRelativeError(result.rss, p.certified.rss) : 0,
    evaluations: result?.evaluations ?? 0,
    reason: result?.reason ?? "error",
    ms,
    result,
  };
}
