import type { RandomSource } from "@emerge/random";
import { TaskError } from "../errors.js";

/**
 * The five GPT-3 character-manipulation transforms, each split into a pure function of its latent
 * choice (so golden tests can pin the choice) and a sampler of that choice.
 */

/** Rotate left by `shift` letters: `cycleLetters("casino", 1) === "asinoc"`. */
export function cycleLetters(word: string, shift: number): string {
  if (word.length === 0) return word;
  const k = ((shift % word.length) + word.length) % word.length;
  return word.slice(k) + word.slice(0, k);
}

/**
 * Keep `keep` letters at each end and reorder the middle by `order` (a permutation of the middle's
 * indices): A1 keeps 1, A2 keeps 2.
 */
export function anagramMiddle(word: string, keep: number, order: readonly number[]): string {
  const middle = word.slice(keep, word.length - keep);
  if (order.length !== middle.length) {
    throw new TaskError("INVALID_ARGUMENT", `order must permute ${middle.length} middle letters`);
  }
  return word.slice(0, keep) + order.map((i) => middle[i]).join("") + word.slice(word.length - keep);
}

/** Insert `symbols[i]` between letter i and letter i+1 (`symbols.length === word.length − 1`). */
export function insertSymbols(word: string, symbols: readonly string[]): string {
  if (symbols.length !== Math.max(0, word.length - 1)) {
    throw new TaskError("INVALID_ARGUMENT", `need ${word.length - 1} symbols for "${word}"`);
  }
  let out = word.slice(0, 1);
  for (let i = 1; i < word.length; i++) out += (symbols[i - 1] as string) + word[i];
  return out;
}

/** The word spelled backwards. */
export function reverseWord(word: string): string {
  return [...word].reverse().join("");
}

/**
 * The symbols inserted by random insertion: the space and punctuation seen in the paper's
 * examples ("s.u!c/c!e.s s i/o/n", "r e!c.i p r o.c a/l").
 */
export const DEFAULT_INSERTION_SYMBOLS: readonly string[] = [" ", ".", "!", "/"];

/** The GPT-3 word-scrambling families. */
export type ScrambleKind =
  | "cycle-letters"
  | "anagrams1"
  | "anagrams2"
  | "random-insertion"
  | "reversed-words";

/** The scrambled form of `word` and the latent choice that produced it. */
export interface Scrambled {
  readonly scrambled: string;
  readonly latent: { shift: number } | { order: number[] } | { symbols: string[] } | Record<string, never>;
}

/** Draw the latent choice of `kind` for `word` and apply it. */
export function scramble(
  kind: ScrambleKind,
  word: string,
  rng: RandomSource,
  symbols: readonly string[] = DEFAULT_INSERTION_SYMBOLS,
): Scrambled {
  switch (kind) {
    case "cycle-letters": {
      // A shift of 0 would leave the word intact, so draw from 1..length−1.
      const shift = word.length > 1 ? 1 + rng.int(word.length - 1) : 0;
      return { scrambled: cycleLetters(word, shift), latent: { shift } };
    }
    case "anagrams1":
    case "anagrams2": {
      const keep = kind === "anagrams1" ? 1 : 2;
      const size = Math.max(0, word.length - 2 * keep);
      const order = rng.shuffle(Array.from({ length: size }, (_, i) => i));
      return { scrambled: anagramMiddle(word, keep, order), latent: { order } };
    }
    case "random-insertion": {
      const chosen = Array.from({ length: Math.max(0, word.length - 1) }, () => rng.choice(symbols));
      return { scrambled: insertSymbols(word, chosen), latent: { symbols: chosen } };
    }
    case "reversed-words":
      return { scrambled: reverseWord(word), latent: {} };
    default:
      throw new TaskError("UNKNOWN_FAMILY", `unknown scramble kind "${String(kind)}"`);
  }
}
