/**
 * Seeded task generators and scorers for emergence studies.
 * @packageDocumentation
 */

export {
  type CoinFlipMeta,
  type CoinFlipOptions,
  type CoinMove,
  coinFlip,
  coinFlipProblem,
} from "./cot/coin-flip.js";
export {
  type LastLetterOptions,
  type LastLettersMeta,
  lastLetterConcatenation,
  lastLetterProblem,
} from "./cot/last-letters.js";
export {
  evaluateExpression,
  explainExpression,
  type MultistepArithmeticMeta,
  type MultistepArithmeticOptions,
  type MultistepExpression,
  type MultistepOperator,
  multistepArithmetic,
  renderExpression,
} from "./cot/multistep-arithmetic.js";
export { type WordProblemMeta, type WordProblemOptions, wordProblems } from "./cot/word-problems.js";
export { TaskError, type TaskErrorCode } from "./errors.js";
export {
  coinFlipFamily,
  lastLettersFamily,
  multistepArithmeticFamily,
  wordProblemsFamily,
} from "./families/chain-of-thought.js";
export {
  choiceOption,
  defineFamily,
  type FamilySpec,
  integerOption,
  numberOption,
  type OptionSpec,
  type OptionValue,
  type OptionValues,
  textOption,
} from "./families/define-family.js";
export type { FamilyMetas, FamilyName } from "./families/family-metas.js";
export { functionRegressionFamily } from "./families/function-regression.js";
export {
  arithmeticFamily,
  compositeArithmeticFamily,
  sumOfDigitsFamily,
} from "./families/gpt3-arithmetic.js";
export { modularFamily } from "./families/modular.js";
export { type Family, type FamilyOption, families, family, generate } from "./families/registry.js";
export {
  anagrams1Family,
  anagrams2Family,
  cycleLettersFamily,
  randomInsertionFamily,
  reversedWordsFamily,
} from "./families/word-scramble.js";
export {
  type ArithmeticMeta,
  type ArithmeticOp,
  type ArithmeticOptions,
  type ArithmeticProblem,
  type ArithmeticStyle,
  arithmetic,
  arithmeticProblem,
  type CompositeArithmeticMeta,
  type CompositeArithmeticOptions,
  type CompositeOperator,
  compositeArithmetic,
  compositeProblem,
  MAX_DIGITS,
  type SumOfDigitsMeta,
  type SumOfDigitsOptions,
  sumOfDigits,
  sumOfDigitsProblem,
} from "./gpt3/arithmetic.js";
export {
  gpt3Completion,
  gpt3JsonLine,
  gpt3Question,
  gpt3UnscrambleContext,
  UNSCRAMBLE_INSTRUCTION,
} from "./gpt3/format.js";
export {
  anagramMiddle,
  cycleLetters,
  DEFAULT_INSERTION_SYMBOLS,
  insertSymbols,
  reverseWord,
  type Scrambled,
  type ScrambleKind,
  scramble,
} from "./gpt3/scramble.js";
export {
  extractScratchpadAnswer,
  MAX_SCRATCHPAD_DIGITS,
  type ScratchpadAddition,
  scratchpadAddition,
  spaceDigits,
} from "./gpt3/scratchpad.js";
export {
  scrambleKinds,
  unscrambleProblem,
  type WordScrambleMeta,
  type WordScrambleOptions,
  wordScramble,
} from "./gpt3/words.js";
export {
  type FewShotInstanceOptions,
  type FewShotOptions,
  type FewShotPrompt,
  fewShotInstances,
  fewShotPrompt,
} from "./icl/few-shot.js";
export {
  averaging,
  type FunctionClass,
  type FunctionClassSettings,
  type FunctionRegressionMeta,
  type FunctionRegressionOptions,
  functionClasses,
  functionRegression,
  leastSquares,
  nearestNeighbors,
  normalizedSquaredError,
  outputVariance,
  type RegressionFunction,
  type RegressionPrompt,
  type RegressionPromptOptions,
  regressionPrompts,
  type SerializeOptions,
  sampleFunction,
  serializeRegressionPrompt,
} from "./icl/function-classes.js";
export type { GenerateOptions, InstanceOf, JsonValue, Meta } from "./instance.js";
export { limits } from "./limits.js";
export {
  type ModularDataset,
  type ModularDatasetOptions,
  type ModularSplit,
  modularDataset,
} from "./modular/dataset.js";
export { type ModularEquation, modularEquation, permutationText } from "./modular/equation.js";
export {
  isPrime,
  MAX_MODULUS,
  type ModularArithmeticOperation,
  type ModularOperation,
  modularOperations,
  modularResult,
} from "./modular/operations.js";
export { compose, invert, type Permutation, permutationIndex, S5 } from "./modular/permutations.js";
export { type ModularTextMeta, type ModularTextOptions, modularText } from "./modular/text.js";
export {
  brierScore,
  characterTokenizer,
  multipleChoiceGrade,
  type Tokenizer,
  tokenAccuracy,
  tokenEditDistance,
  whitespaceTokenizer,
} from "./scoring/continuous.js";
export { type ExactMatchOptions, exactMatch, normalizeForMatch } from "./scoring/exact-match.js";
export {
  extractAnswerIs,
  extractFirstNumber,
  extractHashAnswer,
  extractLastNumber,
  KOJIMA_REASONING_TRIGGER,
  type KojimaAnswerKind,
  kojimaAnswerTrigger,
  kojimaCleanse,
  kojimaPrompts,
} from "./scoring/extract.js";
export {
  difficultyOf,
  type OutputScore,
  type ScorerName,
  scoreOutput,
  scorerNames,
} from "./scoring/score.js";
export {
  type BootstrapOptions,
  bootstrapMean,
  type Difficulty,
  type Estimate,
  type GroupSummary,
  type ScoredRecord,
  type SummarizeOptions,
  summarize,
} from "./scoring/summary.js";
export type { TaskInstance } from "./task-instance.js";
export { commonEnglishWords } from "./words/common-english.js";
export { givenNames, surnames } from "./words/names.js";
