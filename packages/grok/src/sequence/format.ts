import type { TaskInstance } from "@emerge/tasks";

/**
 * How a task instance becomes a prompt and an answer:
 * - "text": the family's `prompt` and `target` verbatim (e.g. "\n\nQ: What is 98 plus 45?\n\nA:" → " 143");
 * - "compact": two-operand arithmetic with the operands zero-padded to the family's `digits`, as
 *   "098+045=" → "143" for 3 digits (aligned digits: a digit's place is its position), or with
 *   Nye et al.'s scratchpad first ("29+57=" → "[29+57,C0\n2+5,6C1\n,86C0\n086\n]86") for the
 *   arithmetic family's `style: "scratchpad"`; families without operands in their metadata fall
 *   back to "text".
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
 * Nye et al. (2021)'s long-addition scratchpad (`@emerge/tasks`' arithmetic `style: "scratchpad"`
 * target) in compact form, one token per character: the figure's spaces dropped, `[` and `]` for
 * `<scratch>` and `</scratch>` (with their line breaks), `C` for `C: `; the lines stay separated
 * by `\n`, and the final answer follows `]`.
 *
 * @example
 * ```ts
 * compactScratchpad("<scratch>\n2 9 + 5 7 , C: 0\n2 + 5 , 6 C: 1\n, 8 6 C: 0\n0 8 6\n</scratch>\n8 6");
 * // "[29+57,C0\n2+5,6C1\n,86C0\n086\n]86"
 * ```
 */
export function compactScratchpad(target: string): string {
  return target
    .replace(/<scratch>\n/g, "[")
    .replace(/<\/scratch>\n/g, "]")
    .replace(/C: /g, "C")
    .replace(/ /g, "");
}

/**
 * The final answer of a written compact scratchpad: the text after its last `]` (the whole text
 * when there is none, as for a direct answer). What exact match scores on a scratchpad task: the
 * scratchpad is how the model gets there, the answer is what it is judged on.
 *
 * @example
 * ```ts
 * finalAnswer("[29+57,C0\n2+5,6C1\n,86C0\n086\n]86"); // "86"
 * finalAnswer("86"); // "86"
 * ```
 */
export function finalAnswer(written: string): string {
  const close = written.lastIndexOf("]");
  return close < 0 ? written : written.slice(close + 1);
}

/**
 * Render an instance as a prompt and an answer. In the compact format, an arithmetic instance of
 * `style: "scratchpad"` answers with its {@link compactScratchpad} (then the result).
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
    const answer = meta.style === "scratchpad" ? compactScratchpad(instance.target) : instance.answer;
    return { prompt: `${pad(meta.a)}${op}${pad(meta.b)}=`, answer };
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

/**
 * What a sequence task's scorers compare, from an answer as written: the {@link finalAnswer} of a
 * scratchpad, else the answer in natural order (un-reversed when answers are written reversed).
 *
 * @example
 * ```ts
 * scoredAnswer("[29+57,C0\n2+5,6C1\n,86C0\n086\n]86", { scratchpad: true, reverse: false }); // "86"
 * scoredAnswer("68", { scratchpad: false, reverse: true }); // "86"
 * ```
 */
export function scoredAnswer(written: string, task: { scratchpad: boolean; reverse: boolean }): string {
  if (task.scratchpad) return finalAnswer(written);
  return task.reverse ? reverseText(written) : written;
}
