import { functionClasses, functionRegression } from "../icl/function-classes.js";
import { choiceOption, defineFamily, integerOption } from "./define-family.js";

/**
 * In-context regression over a function class (Garg et al.) as a family.
 *
 * @example
 * ```ts
 * const [t] = functionRegressionFamily.generate(
 *   { kind: "linear", dims: 5, points: 10, sparsity: 3, depth: 4, hidden: 100, decimals: 2 }, 1, 0);
 * t?.meta.leastSquaresError; // ≈ 0 for a linear function
 * ```
 */
export const functionRegressionFamily = defineFamily({
  name: "function-regression",
  description:
    "In-context regression over a function class, serialised as text, with baseline errors in meta",
  source: "Garg et al. 2022, 'What Can Transformers Learn In-Context?'",
  options: {
    kind: choiceOption("linear", functionClasses, "function class"),
    dims: integerOption(5, "input dimension d"),
    points: integerOption(10, "in-context examples"),
    sparsity: integerOption(3, "non-zero weights (sparse-linear)"),
    depth: integerOption(4, "tree depth (decision-tree)"),
    hidden: integerOption(100, "hidden units (relu-net)"),
    decimals: integerOption(2, "decimals in the text"),
  },
  generate: (o, n, seed) => functionRegression({ ...o, n, seed }),
});
