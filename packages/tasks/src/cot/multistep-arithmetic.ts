import type { RandomSource } from "@emerge/random";
import type { GenerateOptions, TaskInstance } from "../instance.js";
import { checkGenerate, checkInteger, instanceRandom } from "../random.js";

/** The operators of BIG-Bench Hard's multistep_arithmetic_two. */
export type MultistepOperator = "+" | "-" | "*";

/** An expression: a flat group `(n o n o … n)` or a binary node `(E o E)`. */
export type MultistepExpression =
  | {
      readonly kind: "group";
      readonly numbers: readonly number[];
      readonly operators: readonly MultistepOperator[];
    }
  | {
      readonly kind: "node";
      readonly left: MultistepExpression;
      readonly operator: MultistepOperator;
      readonly right: MultistepExpression;
    };

const apply = (o: MultistepOperator, x: bigint, y: bigint) => (o === "+" ? x + y : o === "-" ? x - y : x * y);

/** Render an expression in BBH's style: `((-1 + 2 + 9 * 5) - (-2 + -4 + -4 * -7))`. */
export function renderExpression(e: MultistepExpression): string {
  if (e.kind === "group") {
    let s = String(e.numbers[0]);
    e.operators.forEach((o, i) => {
      s += ` ${o} ${e.numbers[i + 1]}`;
    });
    return `(${s})`;
  }
  return `(${renderExpression(e.left)} ${e.operator} ${renderExpression(e.right)})`;
}

/** Evaluate a flat group with the usual precedence (× before + and −), returning the reduced terms too. */
function evaluateGroup(numbers: readonly number[], operators: readonly MultistepOperator[]) {
  // First pass: fold products into terms.
  const terms: bigint[] = [BigInt(numbers[0] as number)];
  const signs: ("+" | "-")[] = [];
  operators.forEach((o, i) => {
    const v = BigInt(numbers[i + 1] as number);
    if (o === "*") terms[terms.length - 1] = (terms.at(-1) as bigint) * v;
    else {
      signs.push(o);
      terms.push(v);
    }
  });
  let value = terms[0] as bigint;
  signs.forEach((o, i) => {
    value = apply(o, value, terms[i + 1] as bigint);
  });
  const reduced = terms.map((t, i) => (i === 0 ? String(t) : ` ${signs[i - 1]} ${t}`)).join("");
  return { value, reduced, hadProduct: operators.includes("*") };
}

/** The value of an expression (exact). */
export function evaluateExpression(e: MultistepExpression): bigint {
  if (e.kind === "group") return evaluateGroup(e.numbers, e.operators).value;
  return apply(e.operator, evaluateExpression(e.left), evaluateExpression(e.right));
}

/** A step-by-step evaluation, innermost groups first, ending `So the answer is N.` */
export function explainExpression(e: MultistepExpression): string {
  const lines: string[] = [];
  const visit = (x: MultistepExpression): bigint => {
    if (x.kind === "group") {
      const g = evaluateGroup(x.numbers, x.operators);
      const middle = g.hadProduct && x.operators.length > 1 ? ` = ${g.reduced}` : "";
      lines.push(`${renderExpression(x)}${middle} = ${g.value}.`);
      return g.value;
    }
    const l = visit(x.left);
    const r = visit(x.right);
    const v = apply(x.operator, l, r);
    lines.push(`(${l} ${x.operator} ${r}) = ${v}.`);
    return v;
  };
  const value = visit(e);
  return `Let's think step by step.\n${lines.join("\n")}\nSo the answer is ${value}.`;
}

/** The meta of a `multistep-arithmetic` instance: its shape and the expression as BBH writes it. */
export type MultistepArithmeticMeta = {
  readonly depth: number;
  readonly length: number;
  readonly maxAbs: number;
  readonly input: string;
};

/** Options of {@link multistepArithmetic}. */
export interface MultistepArithmeticOptions extends GenerateOptions {
  /** Nesting depth: 1 is one group, 2 is BBH's `((…) o (…))`, each level doubles the groups. */
  depth?: number;
  /** Numbers per innermost group (BBH: 4). */
  length?: number;
  /** Numbers are uniform integers in [−maxAbs, maxAbs] (BBH: 9). */
  maxAbs?: number;
}

function randomExpression(
  rng: RandomSource,
  depth: number,
  length: number,
  maxAbs: number,
): MultistepExpression {
  const ops: readonly MultistepOperator[] = ["+", "-", "*"];
  if (depth <= 1) {
    const numbers = Array.from({ length }, () => rng.intBetween(-maxAbs, maxAbs));
    const operators = Array.from({ length: length - 1 }, () => rng.choice(ops));
    return { kind: "group", numbers, operators };
  }
  const left = randomExpression(rng, depth - 1, length, maxAbs);
  const operator = rng.choice(ops);
  const right = randomExpression(rng, depth - 1, length, maxAbs);
  return { kind: "node", left, operator, right };
}

/**
 * BIG-Bench Hard multistep arithmetic: input `((-1 + 2 + 9 * 5) - (-2 + -4 + -4 * -7)) =`, answer `24`,
 * with depth and length free. The prompt is lm-eval's BBH form `Q: <input>\nA:`; `meta.input` is
 * the bare BBH input; the target is the step-by-step rationale.
 *
 * @example
 * ```ts
 * const [t] = multistepArithmetic({ n: 1, seed: 0 });
 * t.meta.input; // "((9 * -3 - 8 - -5) + (8 * 5 * 5 + -1)) ="
 * ```
 */
export function multistepArithmetic(
  options: MultistepArithmeticOptions,
): TaskInstance<"multistep-arithmetic">[] {
  const { n, seed, depth = 2, length = 4, maxAbs = 9 } = options;
  checkGenerate(n, seed);
  checkInteger("depth", depth, 1, 8);
  checkInteger("length", length, 1, 64);
  checkInteger("maxAbs", maxAbs, 0, 1_000_000);
  const out: TaskInstance<"multistep-arithmetic">[] = [];
  for (let i = 0; i < n; i++) {
    const e = randomExpression(instanceRandom("multistep-arithmetic", seed, i), depth, length, maxAbs);
    const input = `${renderExpression(e)} =`;
    const answer = evaluateExpression(e).toString();
    const rationale = explainExpression(e);
    out.push({
      id: `multistep-arithmetic/${seed}/${i}`,
      family: "multistep-arithmetic",
      prompt: `Q: ${input}\nA:`,
      target: ` ${rationale}`,
      answer,
      rationale,
      meta: { depth, length, maxAbs, input },
    });
  }
  return out;
}
