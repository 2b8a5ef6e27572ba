import { TaskError } from "../errors.js";
import type { GenerateOptions, TaskInstance } from "../instance.js";
import { checkGenerate, checkInteger, instanceRandom } from "../random.js";
import { givenNames, surnames } from "../words/names.js";

/** The meta of a `last-letters` instance: its length, domain and the names used. */
export type LastLettersMeta = {
  readonly words: number;
  readonly domain: "in-domain" | "out-of-domain";
  readonly names: string[];
};

/** Options of {@link lastLetterConcatenation}. */
export interface LastLetterOptions extends GenerateOptions {
  /** Number of words (Wei et al.: 2 in-domain, 3 and 4 out-of-domain). */
  words?: number;
  /** The longest in-domain length (the exemplars' length): longer instances are marked out-of-domain. */
  inDomainWords?: number;
  /** Names to draw the first words from (default: common US given names). */
  givenNames?: readonly string[];
  /** Names to draw the last word from (default: common US surnames). */
  surnames?: readonly string[];
}

/**
 * The question and chain-of-thought of Wei et al. (2022) for one list of words:
 * `Q: Take the last letters of the words in "Elon Musk" and concatenate them.` /
 * `The last letter of "Elon" is "n". The last letter of "Musk" is "k". Concatenating them is "nk". The answer is nk.`
 *
 * @example
 * ```ts
 * lastLetterProblem(["Elon", "Musk"]).answer; // "nk"
 * ```
 */
export function lastLetterProblem(words: readonly string[]) {
  const letters = words.map((w) => w.at(-1) ?? "");
  const answer = letters.join("");
  const steps = words.map((w, i) => `The last letter of "${w}" is "${letters[i]}".`);
  const rationale = `${steps.join(" ")} Concatenating them is "${answer}". The answer is ${answer}.`;
  const question = `Take the last letters of the words in "${words.join(" ")}" and concatenate them.`;
  return { question, prompt: `Q: ${question}\nA:`, rationale, target: ` ${rationale}`, answer };
}

/**
 * Last-letter concatenation (Wei et al., 2022) with k words: each instance carries its rationale,
 * so few-shot CoT exemplars come free; `meta.domain` says in- or out-of-domain.
 *
 * @example
 * ```ts
 * const [t] = lastLetterConcatenation({ n: 1, seed: 0, words: 4 });
 * t.meta.domain; // "out-of-domain"
 * ```
 */
export function lastLetterConcatenation(options: LastLetterOptions): TaskInstance<"last-letters">[] {
  const { n, seed, words = 2, inDomainWords = 2 } = options;
  checkGenerate(n, seed);
  checkInteger("words", words, 1, 1000);
  checkInteger("inDomainWords", inDomainWords, 1, 1000);
  const first = options.givenNames ?? givenNames;
  const last = options.surnames ?? surnames;
  if (first.length === 0 || last.length === 0)
    throw new TaskError("EMPTY_WORD_LIST", "name lists must not be empty");
  const out: TaskInstance<"last-letters">[] = [];
  for (let i = 0; i < n; i++) {
    const rng = instanceRandom("last-letters", seed, i);
    const chosen = Array.from({ length: words }, (_, j) =>
      j === words - 1 && words > 1 ? rng.choice(last) : rng.choice(first),
    );
    const p = lastLetterProblem(chosen);
    out.push({
      id: `last-letters/${seed}/${i}`,
      family: "last-letters",
      prompt: p.prompt,
      target: p.target,
      answer: p.answer,
      rationale: p.rationale,
      meta: { words, domain: words <= inDomainWords ? "in-domain" : "out-of-domain", names: chosen },
    });
  }
  return out;
}
