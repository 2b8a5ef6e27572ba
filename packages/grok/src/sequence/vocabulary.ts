import { GrokError } from "../errors.js";

/**
 * Id of the padding token (every vocabulary starts with PAD, BOS, EOS).
 *
 * @example
 * ```ts
 * characterVocabulary(["1+1="]).tokens[PAD]; // "<pad>"
 * ```
 */
export const PAD = 0;
/**
 * Id of the beginning-of-sequence token.
 *
 * @example
 * ```ts
 * characterVocabulary(["1+1="]).tokens[BOS]; // "<bos>"
 * ```
 */
export const BOS = 1;
/**
 * Id of the end-of-sequence token (the model writes it after an answer).
 *
 * @example
 * ```ts
 * characterVocabulary(["1+1="]).tokens[EOS]; // "<eos>"
 * ```
 */
export const EOS = 2;

/** A character-level vocabulary: PAD, BOS, EOS, then one token per character. */
export interface Vocabulary {
  /** Token strings by id ("<pad>", "<bos>", "<eos>", then characters). */
  readonly tokens: readonly string[];
  readonly size: number;
  /** Ids of the characters of `text`; `GrokError("INVALID_INPUT")` for a character outside it. */
  encode(text: string): number[];
  /** The text of character ids (special tokens are dropped). */
  decode(ids: ArrayLike<number>): string;
}

const classes: [RegExp, string][] = [
  [/[0-9]/, "0123456789"],
  [/[a-z]/, "abcdefghijklmnopqrstuvwxyz"],
  [/[A-Z]/, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
];

/**
 * The character vocabulary of some texts: every character they use, and the whole class (digits,
 * lower-case, upper-case letters) of any class they touch, so a test problem with a digit the
 * training sample happened to lack still encodes. Sorted by code point after PAD, BOS, EOS: the
 * same texts give the same ids on every machine.
 *
 * @example
 * ```ts
 * const v = characterVocabulary(["12+7=", "19"]);
 * v.tokens.slice(3); // ["+", "0", "1", …, "9", "="]
 * v.decode(v.encode("7+7=")); // "7+7="
 * ```
 */
export function characterVocabulary(texts: Iterable<string>): Vocabulary {
  const chars = new Set<string>();
  for (const text of texts) for (const ch of text) chars.add(ch);
  for (const [re, all] of classes) if ([...chars].some((c) => re.test(c))) for (const c of all) chars.add(c);
  const sorted = [...chars].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));
  const tokens = ["<pad>", "<bos>", "<eos>", ...sorted];
  const ids = new Map(sorted.map((c, i) => [c, i + 3]));
  return {
    tokens,
    size: tokens.length,
    encode(text) {
      const out: number[] = [];
      for (const ch of text) {
        const id = ids.get(ch);
        if (id === undefined) {
          throw new GrokError("INVALID_INPUT", `character ${JSON.stringify(ch)} is not in the vocabulary`);
        }
        out.push(id);
      }
      return out;
    },
    decode(list) {
      let s = "";
      for (let i = 0; i < list.length; i++) {
        const id = list[i] as number;
        if (id > EOS && id < tokens.length) s += tokens[id];
      }
      return s;
    },
  };
}
