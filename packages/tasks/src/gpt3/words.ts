import { TaskError } from "../errors.js";
import type { GenerateOptions, TaskInstance } from "../instance.js";
import { checkGenerate, checkInteger, instanceRandom } from "../random.js";
import { commonEnglishWords } from "../words/common-english.js";
import { gpt3Completion, gpt3UnscrambleContext, UNSCRAMBLE_INSTRUCTION } from "./format.js";
import { DEFAULT_INSERTION_SYMBOLS, type ScrambleKind, scramble } from "./scramble.js";

/** The meta of a word-scramble instance: the settings, the word, its scrambled form and the latent choice. */
export type WordScrambleMeta = {
  readonly kind: ScrambleKind;
  readonly minLength: number;
  readonly maxLength: number;
  readonly instruction: string;
  readonly word: string;
  readonly scrambled: string;
  /** cycle-letters: the rotation. */
  readonly shift?: number;
  /** anagrams1, anagrams2: the permutation of the middle letters. */
  readonly order?: number[];
  /** random-insertion: the symbols inserted after each letter. */
  readonly symbols?: string[];
};

/** Options of {@link wordScramble}. */
export interface WordScrambleOptions extends GenerateOptions {
  /** Which transform. */
  kind: ScrambleKind;
  /** The word list (default: the shipped SCOWL 10+20 common-English list). */
  words?: readonly string[];
  /** Shortest word used (GPT-3: more than 4 letters, so 5). */
  minLength?: number;
  /** Longest word used (GPT-3: fewer than 15 letters, so 14). */
  maxLength?: number;
  /** Symbols for random insertion. */
  symbols?: readonly string[];
  /** The instruction line of the context. */
  instruction?: string;
}

/** The scrambling kinds, in the order of the GPT-3 paper. */
export const scrambleKinds: readonly ScrambleKind[] = [
  "cycle-letters",
  "anagrams1",
  "anagrams2",
  "random-insertion",
  "reversed-words",
];

/**
 * The unscrambling prompt and completion for one word: context
 * `"Please unscramble the letters into a word, and write that word:\n<scrambled> ="`, completion
 * `" <word>"` (GPT-3 paper, Figures G.19–G.27; the leading space follows the arithmetic files).
 *
 * @example
 * ```ts
 * unscrambleProblem("asinoc", "casino").prompt;
 * // "Please unscramble the letters into a word, and write that word:\nasinoc ="
 * ```
 */
export function unscrambleProblem(scrambled: string, word: string, instruction = UNSCRAMBLE_INSTRUCTION) {
  return {
    prompt: gpt3UnscrambleContext(scrambled, instruction),
    target: gpt3Completion(word),
    answer: word,
  };
}

/**
 * GPT-3 word scrambling (cycle letters, anagrams A1/A2, random insertion, reversed words) over a
 * real English word list; word length is the difficulty knob.
 *
 * @example
 * ```ts
 * const [t] = wordScramble({ kind: "reversed-words", n: 1, seed: 0 });
 * t.prompt; // "Please unscramble the letters into a word, and write that word:\n<reversed> ="
 * ```
 */
export function wordScramble(options: WordScrambleOptions): TaskInstance<ScrambleKind>[] {
  const { kind, n, seed, minLength = 5, maxLength = 14 } = options;
  if (!scrambleKinds.includes(kind)) {
    throw new TaskError(
      "UNKNOWN_FAMILY",
      `kind must be one of ${scrambleKinds.join(", ")}, got "${String(kind)}"`,
    );
  }
  checkGenerate(n, seed);
  checkInteger("minLength", minLength, 1, 100);
  checkInteger("maxLength", maxLength, minLength, 100);
  const symbols = options.symbols ?? DEFAULT_INSERTION_SYMBOLS;
  if (symbols.length === 0) throw new TaskError("INVALID_ARGUMENT", "symbols must not be empty");
  const pool = (options.words ?? commonEnglishWords).filter(
    (w) => [...w].length >= minLength && [...w].length <= maxLength,
  );
  if (pool.length === 0) {
    throw new TaskError("EMPTY_WORD_LIST", `no word of length ${minLength}–${maxLength} in the word list`);
  }
  const out: TaskInstance<ScrambleKind>[] = [];
  for (let i = 0; i < n; i++) {
    const rng = instanceRandom(kind, seed, i);
    const word = rng.choice(pool);
    const { scrambled, latent } = scramble(kind, word, rng, symbols);
    out.push({
      id: `${kind}/${seed}/${i}`,
      family: kind,
      ...unscrambleProblem(scrambled, word, options.instruction),
      meta: {
        kind,
        minLength,
        maxLength,
        instruction: options.instruction ?? UNSCRAMBLE_INSTRUCTION,
        word,
        scrambled,
        ...latent,
      },
    });
  }
  return out;
}
