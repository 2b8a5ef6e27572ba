import type { CoinFlipMeta } from "../cot/coin-flip.js";
import type { LastLettersMeta } from "../cot/last-letters.js";
import type { MultistepArithmeticMeta } from "../cot/multistep-arithmetic.js";
import type { WordProblemMeta } from "../cot/word-problems.js";
import type { WordScrambleMeta } from "../gpt3/words.js";
import type { FunctionRegressionMeta } from "../icl/function-classes.js";
import type { ModularTextMeta } from "../modular/text.js";
import type { ArithmeticMeta, CompositeArithmeticMeta, SumOfDigitsMeta } from "./gpt3-arithmetic.js";

/**
 * The meta type of every built-in family, by name: what `TaskInstance<"arithmetic">` and
 * `generate("arithmetic", …)` read. Each type is declared next to its generator.
 */
export interface FamilyMetas {
  arithmetic: ArithmeticMeta;
  "arithmetic-1dc": CompositeArithmeticMeta;
  "sum-of-digits": SumOfDigitsMeta;
  "cycle-letters": WordScrambleMeta;
  anagrams1: WordScrambleMeta;
  anagrams2: WordScrambleMeta;
  "random-insertion": WordScrambleMeta;
  "reversed-words": WordScrambleMeta;
  "last-letters": LastLettersMeta;
  "coin-flip": CoinFlipMeta;
  "multistep-arithmetic": MultistepArithmeticMeta;
  "word-problems": WordProblemMeta;
  "function-regression": FunctionRegressionMeta;
  modular: ModularTextMeta;
}
