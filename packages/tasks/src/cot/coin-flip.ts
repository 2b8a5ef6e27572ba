import { TaskError } from "../errors.js";
import type { GenerateOptions, TaskInstance } from "../instance.js";
import { checkGenerate, checkInteger, instanceRandom } from "../random.js";
import { givenNames } from "../words/names.js";

/** One person's move in a coin-flip story. */
export interface CoinMove {
  readonly name: string;
  readonly flips: boolean;
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * The question and chain-of-thought of Wei et al. (2022) for one sequence of moves:
 * `Q: A coin is heads up. Ka flips the coin. Sherrie flips the coin. Is the coin still heads up?` /
 * `The coin was flipped by Ka and Sherrie. So the coin was flipped 2 times, which is an even number.
 * The coin started heads up, so after an even number of flips, it will still be heads up. So the answer is yes.`
 *
 * @example
 * ```ts
 * coinFlipProblem([{ name: "Ka", flips: true }, { name: "Sherrie", flips: true }]).answer; // "yes"
 * ```
 */
export function coinFlipProblem(moves: readonly CoinMove[]) {
  const story = moves.map((m) => `${m.name} ${m.flips ? "flips" : "does not flip"} the coin.`).join(" ");
  const question = `A coin is heads up. ${story} Is the coin still heads up?`;
  const flippers = moves.filter((m) => m.flips).map((m) => m.name);
  const count = flippers.length;
  const even = count % 2 === 0;
  const parity = even ? "even" : "odd";
  const by =
    count === 0 ? "The coin was not flipped by anyone." : `The coin was flipped by ${listNames(flippers)}.`;
  const rationale =
    `${by} So the coin was flipped ${count} ${count === 1 ? "time" : "times"}, which is an ${parity} number. ` +
    `The coin started heads up, so after an ${parity} number of flips, it will ${even ? "still be heads up" : "be tails up"}. ` +
    `So the answer is ${even ? "yes" : "no"}.`;
  const answer = even ? "yes" : "no";
  return { question, prompt: `Q: ${question}\nA:`, rationale, target: ` ${rationale}`, answer };
}

/** The meta of a `coin-flip` instance: its length, domain and the latent flips. */
export type CoinFlipMeta = {
  readonly steps: number;
  readonly domain: "in-domain" | "out-of-domain";
  readonly flips: boolean[];
  readonly names: string[];
};

/** Options of {@link coinFlip}. */
export interface CoinFlipOptions extends GenerateOptions {
  /** Number of people (Wei et al.: 2 in-domain, 3 and 4 out-of-domain). */
  steps?: number;
  /** The exemplars' length: longer instances are marked out-of-domain. */
  inDomainSteps?: number;
  /** Probability that each person flips. */
  flipProbability?: number;
  /** Names to draw from (distinct within an instance). */
  names?: readonly string[];
}

/**
 * Coin flip (Wei et al., 2022): after k people flip or do not flip, is the coin still heads up?
 *
 * @example
 * ```ts
 * coinFlip({ n: 3, seed: 0, steps: 4 }).map((t) => t.answer);
 * ```
 */
export function coinFlip(options: CoinFlipOptions): TaskInstance<"coin-flip">[] {
  const { n, seed, steps = 2, inDomainSteps = 2, flipProbability = 0.5 } = options;
  checkGenerate(n, seed);
  const names = options.names ?? givenNames;
  checkInteger("steps", steps, 1, names.length);
  checkInteger("inDomainSteps", inDomainSteps, 1, 1000);
  if (!(flipProbability >= 0 && flipProbability <= 1)) {
    throw new TaskError(
      "INVALID_ARGUMENT",
      `flipProbability must be in [0, 1], got ${String(flipProbability)}`,
    );
  }
  const out: TaskInstance<"coin-flip">[] = [];
  for (let i = 0; i < n; i++) {
    const rng = instanceRandom("coin-flip", seed, i);
    const moves = rng.sample(names, steps).map((name) => ({ name, flips: rng.bernoulli(flipProbability) }));
    const p = coinFlipProblem(moves);
    out.push({
      id: `coin-flip/${seed}/${i}`,
      family: "coin-flip",
      prompt: p.prompt,
      target: p.target,
      answer: p.answer,
      rationale: p.rationale,
      meta: {
        steps,
        domain: steps <= inDomainSteps ? "in-domain" : "out-of-domain",
        flips: moves.map((m) => m.flips),
        names: moves.map((m) => m.name),
      },
    });
  }
  return out;
}
