import { modularOperations } from "../modular/operations.js";
import { modularText } from "../modular/text.js";
import { choiceOption, defineFamily, integerOption, numberOption } from "./define-family.js";

/**
 * Power et al.'s grokking equations as text, as a family: `op`, `p`, `trainFraction`, `split`.
 *
 * @example
 * ```ts
 * modularFamily.generate({ op: "add", p: 7, trainFraction: 0.5, split: "test" }, 1, 0)[0]?.meta.token; // a number
 * ```
 */
export const modularFamily = defineFamily({
  name: "modular",
  description: "Power et al. grokking equations as text: '3 + 5 (mod 7) =' → ' 1', from the seeded split",
  source: "Power et al. 2022, 'Grokking'",
  options: {
    op: choiceOption("add", modularOperations, "operation"),
    p: integerOption(97, "modulus (prime for div and mixed; ignored for s5*)"),
    trainFraction: numberOption(0.5, "fraction of all equations in train"),
    split: choiceOption("test", ["train", "test", "all"], "which split to emit"),
  },
  generate: (o, n, seed) =>
    modularText({ op: o.op, p: o.p, trainFraction: o.trainFraction, split: o.split, seed, n }),
});
