import { TaskError } from "../errors.js";

/**
 * The long-addition scratchpad of Nye et al. (2021), "Show Your Work: Scratchpads for Intermediate
 * Computation with Language Models", Figure 2:
 *
 * ```text
 * Input:
 * 2 9 + 5 7
 * Target:
 * <scratch>
 * 2 9 + 5 7 , C: 0
 * 2 + 5 , 6 C: 1 # added 9 + 7 = 6 carry 1
 * , 8 6 C: 0 # added 2 + 5 + 1 = 8 carry 0
 * 0 8 6
 * </scratch>
 * 8 6
 * ```
 *
 * Provenance (say it plainly, as the research notes do): we could not read the paper's own text here.
 * The layout above is the one that five independent public reimplementations and write-ups quote as
 * Figure 2, byte for byte the same, including the caption's note that the `#` comments "are added for
 * clarity and are not part of the target". So comments are off by default and on with `comments: true`.
 *
 * The rules read off the figure: digits are separated by single spaces (so a digit is one token);
 * the setup line is both operands, ` , C: 0`; each column line removes the last digit of each operand,
 * prepends the column's digit to the result and shows the carry out; once both operands are used up
 * the ` + ` part disappears, leaving `, <result> C: <carry>`; the last scratch line is the final carry
 * prepended to the result (written even when it is 0); after `</scratch>` comes the sum without a
 * leading zero. The figure only shows operands of equal length: for unequal ones we left-pad the
 * shorter with zeros inside the scratchpad (the input keeps the operands as they are), our choice.
 */

/** The largest operand length accepted for scratchpads: the target grows with the square of it. */
export const MAX_SCRATCHPAD_DIGITS = 100;

/** A long addition rendered as Nye et al.'s input, scratchpad and answer. */
export interface ScratchpadAddition {
  /** `Input:\n2 9 + 5 7\nTarget:\n`: the figure's input with its labels, ready for a completion. */
  readonly prompt: string;
  /** Direct-answer target: just the answer line, e.g. `8 6`. */
  readonly directTarget: string;
  /** Scratchpad target: `<scratch>\n…\n</scratch>\n8 6`. */
  readonly scratchpadTarget: string;
  /** The lines between `<scratch>` and `</scratch>`: setup, one per column, the final carry line. */
  readonly lines: readonly string[];
  /** The sum as a plain number, e.g. `86`. */
  readonly answer: string;
}

/** Spaced digits: `"29"` → `"2 9"`. */
export function spaceDigits(digits: string): string {
  return digits.split("").join(" ");
}

/**
 * Render `a + b` as Nye et al.'s long-addition scratchpad (Figure 2).
 *
 * @example
 * ```ts
 * scratchpadAddition(29n, 57n).scratchpadTarget;
 * // "<scratch>\n2 9 + 5 7 , C: 0\n2 + 5 , 6 C: 1\n, 8 6 C: 0\n0 8 6\n</scratch>\n8 6"
 * ```
 */
export function scratchpadAddition(
  a: bigint,
  b: bigint,
  options: { readonly comments?: boolean } = {},
): ScratchpadAddition {
  if (typeof a !== "bigint" || typeof b !== "bigint" || a < 0n || b < 0n) {
    throw new TaskError(
      "INVALID_ARGUMENT",
      `scratchpad operands must be non-negative bigints, got a=${String(a)}, b=${String(b)}`,
    );
  }
  const as = a.toString();
  const bs = b.toString();
  const width = Math.max(as.length, bs.length);
  if (width > MAX_SCRATCHPAD_DIGITS) {
    throw new TaskError(
      "OUT_OF_RANGE",
      `scratchpad operands may have at most ${MAX_SCRATCHPAD_DIGITS} digits, got ${width}`,
    );
  }
  const x = as.padStart(width, "0");
  const y = bs.padStart(width, "0");
  const lines = [`${spaceDigits(x)} + ${spaceDigits(y)} , C: 0`];
  let carry = 0;
  let result = "";
  for (let i = width - 1; i >= 0; i--) {
    const dx = Number(x[i]);
    const dy = Number(y[i]);
    const sum = dx + dy + carry;
    const comment = ` # added ${dx} + ${dy}${carry ? ` + ${carry}` : ""} = ${sum % 10} carry ${sum >= 10 ? 1 : 0}`;
    carry = sum >= 10 ? 1 : 0;
    result = `${sum % 10}${result}`;
    const rest = i === 0 ? "" : `${spaceDigits(x.slice(0, i))} + ${spaceDigits(y.slice(0, i))} `;
    lines.push(`${rest}, ${spaceDigits(result)} C: ${carry}${options.comments ? comment : ""}`);
  }
  lines.push(spaceDigits(`${carry}${result}`));
  const answer = (a + b).toString();
  const directTarget = spaceDigits(answer);
  return {
    prompt: `Input:\n${spaceDigits(as)} + ${spaceDigits(bs)}\nTarget:\n`,
    directTarget,
    scratchpadTarget: `<scratch>\n${lines.join("\n")}\n</scratch>\n${directTarget}`,
    lines,
    answer,
  };
}

/**
 * The answer of a scratchpad or direct completion: the last line after `</scratch>` (or the whole
 * text when there is no scratchpad), spaces removed; `undefined` when that line is not a number.
 *
 * @example
 * ```ts
 * extractScratchpadAnswer("<scratch>\n…\n</scratch>\n8 6"); // "86"
 * extractScratchpadAnswer("8 6"); // "86"
 * ```
 */
export function extractScratchpadAnswer(completion: string): string | undefined {
  const end = completion.lastIndexOf("</scratch>");
  const tail = end < 0 ? completion : completion.slice(end + "</scratch>".length);
  const line = tail.trim().split("\n")[0]?.replace(/ /g, "") ?? "";
  return /^\d+$/.test(line) ? line : undefined;
}
