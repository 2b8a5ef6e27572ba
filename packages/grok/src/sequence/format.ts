import type { TaskInstance } from "@emerge/tasks";

/**
 * How a task instance becomes a prompt and an answer:
 * - "text": the family's `prompt` and `target` verbatim (e.g. "\n\nQ: What is 98 plus 45?\n\nA:" → " 143");
 * - "compact": two-operand arithmetic with the operands zero-padded to the family's `digits`, as
 *   "098+045=" → "143" for 3 digits (aligned digits: a digit's place is its position), families
 *   without operands in their metadata fall back to "text".
 */
export type SequenceFormat = "text" | "compact";

/** A rendered problem. */
export interface RenderedProblem {
  readonly prompt: string;
  /** What the model must write, in natural order (before any reversal). */
  readonly answer: string;
}

const symbols: Record<string, string> = { add: "+", sub: "-", mul: "*" };

/**
 * Render an instance as a prompt and an answer.
 *
 * @example
 * ```ts
 * renderProblem({ prompt: "…", target: " 143", answer: "143", meta: { op: "add", digits: 3, a: "98", b: "45" } } as never, "compact");
 * // { prompt: "098+045=", answer: "143" }
 * ```
 */
export function renderProblem(instance: TaskInstance, format: SequenceFormat): RenderedProblem {
  const { meta } = instance;
  if (format === "compact" && typeof meta.a === "string" && typeof meta.b === "string") {
    const op = typeof meta.op === "string" ? (symbols[meta.op] ?? meta.op) : "?";
    const width = Math.max(typeof meta.digits === "number" ? meta.digits : 0, meta.a.length, meta.b.length);
    const pad = (x: string) => x.padStart(width, "0");
    return { prompt: `${pad(meta.a)}${op}${pad(meta.b)}=`, answer: instance.answer };
  }
  return { prompt: instance.prompt, answer: instance.target };
}

/**
 * Reverse a string by code points (answers written least-significant digit first).
 *
 * @example
 * ```ts
 * reverseText("1024"); // "4201"
 * ```
 */
export function reverseText(text: string): string {
  return [...text].reverse().join("");
}
