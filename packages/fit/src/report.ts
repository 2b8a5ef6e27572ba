import type { FitResult } from "./result.js";

/** Options of `FitResult.report()`. */
export interface ReportOptions {
  /** Flag parameter pairs whose |correlation| exceeds this (default 0.9). */
  readonly correlationThreshold?: number;
  /** Significant digits of the numbers (default 6). */
  readonly digits?: number;
}

const STOP_MEANING: Readonly<Record<string, string>> = {
  ftol: "relative reduction of the cost below ftol",
  xtol: "relative step below xtol",
  "ftol+xtol": "cost reduction below ftol and step below xtol",
  gtol: "gradient orthogonal to the residuals within gtol",
  "machine-precision": "no further progress possible at machine precision",
  "zero-residual": "the curve passes through every point",
  "max-evaluations": "evaluation budget exhausted before convergence",
  "non-finite": "the Jacobian is not finite at the last point",
};

/**
 * Plain-text report of a fit in the layout of lmfit's `fit_report()`.
 * @internal
 */
export function formatReport(r: FitResult, free: readonly number[], options: ReportOptions = {}): string {
  const threshold = options.correlationThreshold ?? 0.9;
  const digits = options.digits ?? 6;
  const num = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v));
  const n = r.residuals.length;
  const lines: string[] = [];
  lines.push("[[Model]]");
  lines.push(
    `    ${r.model.name}${r.model.expression && r.model.expression !== r.model.name ? `: ${r.model.expression}` : ""}`,
  );
  lines.push("[[Fit Statistics]]");
  const loss =
    r.loss.name === "linear" ? "least squares" : `${r.loss.name} loss (scale ${num(r.loss.scale)})`;
  const space =
    r.space.name === "linear"
      ? "linear space"
      : `log space${r.space.offset !== 0 ? ` (offset ${num(r.space.offset)})` : ""}`;
  const stat = (name: string, value: string) => lines.push(`    ${name.padEnd(22)}= ${value}`);
  stat("# fitting method", `Levenberg–Marquardt, ${loss}, ${space}`);
  stat("# function evals", String(r.evaluations));
  stat("# data points", String(n));
  stat("# variables", String(free.length));
  stat("chi-square", num(r.rss));
  stat("reduced chi-square", num(r.reducedChiSquare));
  stat("Akaike info crit", num(r.aic));
  stat("AICc", num(r.aicc));
  stat("Bayesian info crit", num(r.bic));
  stat("stop reason", `${r.reason} (${STOP_MEANING[r.reason] ?? "see the solver's documentation"})`);
  stat("converged", r.converged ? "yes" : "NO");
  stat("starts", `${r.starts.tried} tried, ${r.starts.agreed} reached the best cost`);
  if (r.rank < free.length)
    stat("Jacobian rank", `${r.rank} of ${free.length}: some parameters are not identifiable`);
  lines.push("[[Variables]]");
  const width = Math.max(...r.paramNames.map((p) => p.length)) + 1;
  r.paramNames.forEach((name, j) => {
    const v = r.params[name]!;
    const label = `${name}:`.padEnd(width + 1);
    if (!free.includes(j)) {
      lines.push(`    ${label} ${num(v)} (fixed)`);
      return;
    }
    const se = r.stderr[name]!;
    const rel = v !== 0 && Number.isFinite(se) ? ` (${(Math.abs(se / v) * 100).toPrecision(3)}%)` : "";
    lines.push(`    ${label} ${num(v)} +/- ${num(se)}${rel}`);
  });
  const pairs: { a: string; b: string; rho: number }[] = [];
  for (let a = 0; a < r.paramNames.length; a++) {
    for (let b = a + 1; b < r.paramNames.length; b++) {
      const rho = r.correlation[a]![b]!;
      if (free.includes(a) && free.includes(b) && Math.abs(rho) > threshold) {
        pairs.push({ a: r.paramNames[a]!, b: r.paramNames[b]!, rho });
      }
    }
  }
  pairs.sort((x, y) => Math.abs(y.rho) - Math.abs(x.rho));
  lines.push(`[[Correlations]] (|C| > ${threshold} flagged: the data barely separate these)`);
  if (pairs.length === 0) lines.push("    none");
  for (const { a, b, rho } of pairs)
    lines.push(
      `${`    C(${a}, ${b})`.padEnd(width * 2 + 10)} = ${rho >= 0 ? "+" : ""}${rho.toFixed(4)}  <- high`,
    );
  return lines.join("\n");
}
