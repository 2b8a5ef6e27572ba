import { arithmetic, type TaskInstance } from "@emerge/tasks";

/**
 * The lab's character vocabulary for addition: digits, the symbols Nye et al.'s scratchpad uses once
 * its spaces and labels are dropped, `$` (end of answer) and `_` (padding, never a target).
 */
export const ADDITION_VOCAB = [
  "0",
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "7",
  "8",
  "9",
  "+",
  "=",
  "[",
  "]",
  ",",
  "C",
  "\n",
  "$",
  "_",
];
const index = new Map(ADDITION_VOCAB.map((c, i) => [c, i]));
/** Token id of the end-of-answer marker. */
export const EOS = index.get("$") as number;
/** Token id of padding. */
export const PAD = index.get("_") as number;

/** How the family answers: straight away, or with Nye et al.'s scratchpad first. */
export type AnswerStyle = "direct" | "scratchpad";

/**
 * The compact text of a task instance from `@emerge/tasks`' arithmetic family (style direct or
 * scratchpad): the figure's spaces and `Input:`/`Target:` labels dropped, `=` between prompt and
 * target, `[`/`]` for `<scratch>`/`</scratch>`, `C` for `C:`, `$` at the end. One token per character,
 * so a digit is one token, as Nye et al. intended with their spaces.
 *
 * @example
 * ```ts
 * compactAddition(arithmetic({ op: "add", digits: 2, n: 1, seed: 0, style: "scratchpad" })[0]);
 * // { prompt: "89+60=", target: "[89+60,C0\n8+6,9C0\n,149C1\n149\n]149$" } (for those operands)
 * ```
 */
export function compactAddition(instance: TaskInstance): { prompt: string; target: string } {
  const prompt = instance.prompt
    .replace(/^Input:\n/, "")
    .replace(/\nTarget:\n$/, "")
    .replace(/ /g, "");
  const target = instance.target
    .replace(/<scratch>\n/g, "[")
    .replace(/<\/scratch>\n/g, "]")
    .replace(/C: /g, "C")
    .replace(/ /g, "");
  return { prompt: `${prompt}=`, target: `${target}$` };
}

/** Token ids of a compact string. */
export function encode(text: string): number[] {
  return [...text].map((c) => {
    const t = index.get(c);
    if (t === undefined)
      throw new RangeError(`character ${JSON.stringify(c)} is not in the addition vocabulary`);
    return t;
  });
}

/** The text of token ids. */
export function decode(tokens: readonly number[]): string {
  return tokens.map((t) => ADDITION_VOCAB[t] ?? "?").join("");
}

/** One tokenised problem. */
export interface AdditionExample {
  readonly a: string;
  readonly b: string;
  /** Prompt then target tokens. */
  readonly tokens: readonly number[];
  /** Prompt length: tokens[promptLength…] are the target (loss on those only). */
  readonly promptLength: number;
}

/**
 * L-digit addition problems from `@emerge/tasks` (seeded), tokenised. Training and test sets use
 * different seeds and the test set drops any problem that is also in training, so they are disjoint.
 */
export function additionExamples(
  digits: number,
  style: AnswerStyle,
  n: number,
  seed: string,
): AdditionExample[] {
  return arithmetic({ op: "add", digits, n, seed, style }).map((inst) => {
    const { prompt, target } = compactAddition(inst);
    return {
      a: String(inst.meta.a),
      b: String(inst.meta.b),
      tokens: encode(prompt + target),
      promptLength: prompt.length,
    };
  });
}

/** Test problems that do not occur in `train`. */
export function heldOut(
  test: readonly AdditionExample[],
  train: readonly AdditionExample[],
): AdditionExample[] {
  const seen = new Set(train.map((e) => `${e.a}+${e.b}`));
  return test.filter((e) => !seen.has(`${e.a}+${e.b}`));
}

/**
 * The answer of a generated target: the text after the last `]` (scratchpad) up to `$`, as generated
 * (a stray symbol stays, so it counts as a wrong digit rather than being cleaned into a right answer).
 */
export function answerOf(generated: string): string {
  const end = generated.indexOf("$");
  const body = end < 0 ? generated : generated.slice(0, end);
  const close = body.lastIndexOf("]");
  return close < 0 ? body : body.slice(close + 1);
}
