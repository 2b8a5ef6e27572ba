import { TaskError } from "../errors.js";
import {
  applyModular,
  isPermutationOperation,
  type ModularArithmeticOperation,
  type ModularOperation,
  pairAllowed,
} from "./operations.js";
import { type Permutation, permutationTable, S5 } from "./permutations.js";

const symbols: Record<ModularArithmeticOperation, (x: string, y: string, yValue: number) => string> = {
  add: (x, y) => `${x} + ${y}`,
  sub: (x, y) => `${x} - ${y}`,
  div: (x, y) => `${x} / ${y}`,
  mixed: (x, y, yv) => (yv % 2 === 1 ? `${x} / ${y}` : `${x} - ${y}`),
  "x2+y2": (x, y) => `${x}^2 + ${y}^2`,
  "x2+xy+y2": (x, y) => `${x}^2 + ${x}*${y} + ${y}^2`,
  "x2+xy+y2+x": (x, y) => `${x}^2 + ${x}*${y} + ${y}^2 + ${x}`,
  "x3+xy": (x, y) => `${x}^3 + ${x}*${y}`,
  "x3+xy2+y": (x, y) => `${x}^3 + ${x}*${y}^2 + ${y}`,
};

/** A permutation token in one-line notation, e.g. `"[0,1,2,4,3]"`. */
export function permutationText(token: number): string {
  return `[${(S5[token] as Permutation).join(",")}]`;
}

/** The parts of one equation's text form. */
export interface ModularEquation {
  /** The left-hand side, e.g. `"3 + 5"`. */
  readonly lhs: string;
  /** The result as text, e.g. `"1"` or a permutation. */
  readonly result: string;
  /** The result token id. */
  readonly token: number;
  /** Where it holds: `"(mod 7)"` or `"(in S5)"`. */
  readonly domain: string;
}

/**
 * The text parts of `a op b` for token ids a, b (validated by the caller's modulus; `n` is p or 120).
 * Throws `OUT_OF_RANGE` for a pair outside the operation's domain.
 */
export function modularEquation(op: ModularOperation, a: number, b: number, n: number): ModularEquation {
  if (isPermutationOperation(op)) {
    const x = permutationText(a);
    const y = permutationText(b);
    const token = permutationTable(op)[a * S5.length + b] as number;
    const lhs =
      op === "s5" ? `${x} ∘ ${y}` : op === "s5-conj" ? `${x} ∘ ${y} ∘ ${x}⁻¹` : `${x} ∘ ${y} ∘ ${x}`;
    return { lhs, result: permutationText(token), token, domain: "(in S5)" };
  }
  if (!pairAllowed(op, a, b)) throw new TaskError("OUT_OF_RANGE", `operation "${op}" is undefined for b = 0`);
  const token = applyModular(op, a, b, n);
  return { lhs: symbols[op](String(a), String(b), b), result: String(token), token, domain: `(mod ${n})` };
}
