/**
 * Answer-extraction filters: turn a model's free text into the answer string to compare.
 * Each returns `undefined` when nothing matches, so callers can chain fallbacks.
 */

const numberPattern = /-?[$]?\d[\d,]*(?:\.\d+)?/g;

function cleanNumber(s: string): string {
  let out = s.replace(/[$,]/g, "");
  if (out.includes(".")) out = out.replace(/\.?0+$/, "");
  return out === "-0" ? "0" : out;
}

/**
 * The text after the last `The answer is` (Wei et al. chain-of-thought), up to the end of the
 * sentence, without a trailing period.
 *
 * @example
 * ```ts
 * extractAnswerIs("… so 5 + 6 = 11. The answer is 11."); // "11"
 * ```
 */
export function extractAnswerIs(text: string): string | undefined {
  const matches = [...text.matchAll(/answer is[:\s]*(.+?)(?:\.(?:\s|$)|\n|$)/gi)];
  const last = matches.at(-1)?.[1];
  return last === undefined ? undefined : last.trim().replace(/\.$/, "");
}

/**
 * The number after `#### ` (GSM8K), with commas removed — lm-eval's `strict-match` filter.
 *
 * @example
 * ```ts
 * extractHashAnswer("3 * 4 = 12\n#### 1,200"); // "1200"
 * ```
 */
export function extractHashAnswer(text: string): string | undefined {
  const m = /####\s*(-?[$0-9.,]+)/.exec(text);
  return m?.[1] === undefined ? undefined : cleanNumber(m[1]);
}

/** The first number in the text (commas and `$` removed). */
export function extractFirstNumber(text: string): string | undefined {
  const m = text.match(numberPattern);
  return m?.[0] === undefined ? undefined : cleanNumber(m[0]);
}

/** The last number in the text (lm-eval's `flexible-extract` takes the last match too). */
export function extractLastNumber(text: string): string | undefined {
  const m = text.match(numberPattern);
  const last = m?.at(-1);
  return last === undefined ? undefined : cleanNumber(last);
}

/** The answer kinds of Kojima et al. (2022), which decide the cleansing rule and the trigger. */
export type KojimaAnswerKind = "numeral" | "multiple-choice" | "yes-no" | "letters";

/** Kojima et al.'s stage-1 reasoning trigger. */
export const KOJIMA_REASONING_TRIGGER = "Let's think step by step.";

/**
 * Kojima et al.'s stage-2 answer-extraction trigger for an answer kind, e.g.
 * `"Therefore, the answer (arabic numerals) is"`.
 */
export function kojimaAnswerTrigger(kind: KojimaAnswerKind): string {
  switch (kind) {
    case "numeral":
      return "Therefore, the answer (arabic numerals) is";
    case "multiple-choice":
      return "Therefore, among A through E, the answer is";
    case "yes-no":
      return "Therefore, the answer (Yes or No) is";
    default:
      return "Therefore, the answer is";
  }
}

/**
 * Kojima et al. (2022) two-stage zero-shot-CoT prompts: stage 1 asks for reasoning; stage 2 appends
 * the reasoning and the answer trigger.
 *
 * @example
 * ```ts
 * const s = kojimaPrompts("Q: What is 2 + 3?", "numeral");
 * s.reasoning; // "Q: What is 2 + 3?\nA: Let's think step by step."
 * s.extraction(" 2 plus 3 is 5."); // "Q: What is 2 + 3?\nA: Let's think step by step. 2 plus 3 is 5.\nTherefore, the answer (arabic numerals) is"
 * ```
 */
export function kojimaPrompts(question: string, kind: KojimaAnswerKind) {
  const reasoning = `${question}\nA: ${KOJIMA_REASONING_TRIGGER}`;
  return {
    reasoning,
    extraction: (rationale: string) => `${reasoning}${rationale}\n${kojimaAnswerTrigger(kind)}`,
  };
}

/**
 * Kojima et al.'s answer cleansing of a stage-2 (or few-shot) output: numerals → the first number
 * (commas removed); multiple choice → the first of A–E; yes/no → the first "yes"/"no"; letters → the
 * text without quotes, whitespace and periods. With `fewShot`, text after the last "The answer is" is
 * used and the first match taken if that phrase occurred, else the last match.
 *
 * @example
 * ```ts
 * kojimaCleanse(" 1,234 apples.", "numeral"); // "1234"
 * kojimaCleanse(' "Yes", because…', "yes-no"); // "yes"
 * ```
 */
export function kojimaCleanse(
  text: string,
  kind: KojimaAnswerKind,
  options: { fewShot?: boolean } = {},
): string {
  let pred = text;
  let answerFlag = false;
  if (options.fewShot) {
    const parts = pred.split("The answer is");
    answerFlag = parts.length > 1;
    pred = parts.at(-1) as string;
  }
  let candidates: string[];
  if (kind === "multiple-choice") candidates = pred.match(/A|B|C|D|E/g) ?? [];
  else if (kind === "numeral") candidates = pred.replace(/,/g, "").match(/-?\d+\.?\d*/g) ?? [];
  else if (kind === "yes-no") {
    candidates = pred
      .toLowerCase()
      .replace(/["'\n.\s:,]/g, " ")
      .split(" ")
      .filter((w) => w === "yes" || w === "no");
  } else candidates = [pred.replace(/["'\n.\s]/g, "")];
  if (candidates.length === 0) return "";
  let answer = (options.fewShot && !answerFlag ? candidates.at(-1) : candidates[0]) as string;
  if (answer.endsWith(".")) answer = answer.slice(0, -1);
  return answer;
}
