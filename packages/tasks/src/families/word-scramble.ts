import { UNSCRAMBLE_INSTRUCTION } from "../gpt3/format.js";
import type { ScrambleKind } from "../gpt3/scramble.js";
import { wordScramble } from "../gpt3/words.js";
import type { TaskInstance } from "../instance.js";
import { defineFamily, integerOption, textOption } from "./define-family.js";

const scrambleFamily = <K extends ScrambleKind>(kind: K, description: string) =>
  defineFamily({
    name: kind,
    description,
    source: "Brown et al. 2020 (GPT-3), §3.9.2",
    options: {
      minLength: integerOption(5, "shortest word (GPT-3: more than 4 letters)"),
      maxLength: integerOption(14, "longest word (GPT-3: fewer than 15 letters)"),
      instruction: textOption(UNSCRAMBLE_INSTRUCTION, 'first line of the context ("" for none)'),
    },
    generate: (o, n, seed) =>
      // wordScramble({ kind }) labels every instance with that kind: the union narrows to K.
      wordScramble({
        kind,
        n,
        seed,
        minLength: o.minLength,
        maxLength: o.maxLength,
        instruction: o.instruction,
      }) as TaskInstance<K>[],
  });

/**
 * The five GPT-3 word-scrambling families: `minLength`, `maxLength`, `instruction`.
 *
 * @example
 * ```ts
 * cycleLettersFamily.generate({ minLength: 5, maxLength: 14, instruction: "" }, 1, 0)[0]?.meta.shift; // a number
 * ```
 */
export const cycleLettersFamily = scrambleFamily(
  "cycle-letters",
  "GPT-3 cycled letters: 'asinoc =' → ' casino'",
);
/** GPT-3 A1 anagrams (see {@link cycleLettersFamily}). */
export const anagrams1Family = scrambleFamily(
  "anagrams1",
  "GPT-3 anagrams of all but the first and last letter (A1)",
);
/** GPT-3 A2 anagrams (see {@link cycleLettersFamily}). */
export const anagrams2Family = scrambleFamily(
  "anagrams2",
  "GPT-3 anagrams of all but the first and last two letters (A2)",
);
/** GPT-3 random insertion (see {@link cycleLettersFamily}). */
export const randomInsertionFamily = scrambleFamily(
  "random-insertion",
  "GPT-3 random insertion: 'r e!c.i p r o.c a/l =' → ' reciprocal'",
);
/** GPT-3 reversed words (see {@link cycleLettersFamily}). */
export const reversedWordsFamily = scrambleFamily(
  "reversed-words",
  "GPT-3 reversed words: 'taefed =' → ' defeat'",
);
