import { formatParameter } from "../chart/axes.js";

const greek: Record<string, string> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  sigma: "σ",
  tau: "τ",
};

/** A parameter name as papers write it: `alpha` → `α`. */
export function parameterSymbol(name: string): string {
  return greek[name.toLowerCase()] ?? name;
}

function find(params: Readonly<Record<string, number>>, ...names: string[]): number | undefined {
  for (const name of names) {
    for (const [key, value] of Object.entries(params)) {
      if (key === name || parameterSymbol(key) === name) return value;
    }
  }
  return undefined;
}

/**
 * The legend text of a fitted law from its parameters. Recognises the saturating power law
 * `L = E + A·N^−α` (params `E`, `A`, `alpha`) and the pure power law `L = A·N^−α`; any other model is
 * listed as `name = value` pairs.
 *
 * @example
 * ```ts
 * formulaLabel({ E: 1.69, A: 406.4, alpha: 0.34 }); // "L = 1.69 + 406·N^−0.34"
 * ```
 */
export function formulaLabel(
  params: Readonly<Record<string, number>>,
  variable = "N",
  response = "L",
): string {
  const A = find(params, "A", "a", "c", "C");
  const alpha = find(params, "α", "alpha", "b", "exponent");
  const E = find(params, "E", "e", "Linf", "L_inf", "irreducible");
  if (A !== undefined && alpha !== undefined) {
    const exponent = alpha >= 0 ? `−${formatParameter(alpha)}` : formatParameter(-alpha);
    const term = `${formatParameter(A)}·${variable}^${exponent}`;
    const keys = Object.keys(params).length;
    if (E !== undefined && keys === 3) return `${response} = ${formatParameter(E)} + ${term}`;
    if (keys === 2) return `${response} = ${term}`;
  }
  return Object.entries(params)
    .map(([k, v]) => `${parameterSymbol(k)} = ${formatParameter(v)}`)
    .join(", ");
}
