import type { RandomSource } from "@emerge/random";
import { TaskError } from "../errors.js";
import type { GenerateOptions, TaskInstance } from "../instance.js";
import { checkGenerate, checkInteger, instanceRandom } from "../random.js";
import { givenNames } from "../words/names.js";

/** Things a character collects, with a container noun for bulk purchases. */
const items: readonly { plural: string; container: string }[] = [
  { plural: "apples", container: "bag" },
  { plural: "marbles", container: "jar" },
  { plural: "stickers", container: "sheet" },
  { plural: "pencils", container: "box" },
  { plural: "cookies", container: "tray" },
  { plural: "stamps", container: "album" },
  { plural: "seashells", container: "bucket" },
  { plural: "cards", container: "pack" },
];

const feminine = new Set(
  "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Dorothy Amy Kathleen Angela Shirley Brenda Emma Anna Pamela Nicole Samantha Katherine Christine Helen Debra Rachel Carolyn Janet Maria Olivia Heather Diane Julie Joyce Victoria Ruth Virginia Lauren Kelly Christina Joan Evelyn Judith Andrea Hannah Megan Cheryl Jacqueline Martha Madison Teresa Gloria Sara Janice Ann Kathryn Abigail Sophia Frances Jean Alice Judy Isabella Julia Grace Amber Denise Danielle Marilyn Beverly Charlotte Natalie Theresa Diana Brittany Doris Kayla Alexis Lori Marie".split(
    " ",
  ),
);

/** One step of a generated word problem. */
interface Step {
  sentence: string;
  calc: { expr: string; value: number };
  /** The running-total update, when the step computes a part first. */
  update?: { expr: string; value: number };
  explain: (calc: string, update?: string) => string;
}

function step(
  rng: RandomSource,
  total: number,
  name: string,
  pronoun: "She" | "He",
  first: boolean,
  item: (typeof items)[number],
  maxValue: number,
): Step {
  const subject = first ? pronoun : `Then ${pronoun.toLowerCase()}`;
  const possessive = pronoun === "She" ? "her" : "his";
  const lower = pronoun.toLowerCase();
  const kinds = ["buy-packs", "receive", "give", "half", "double"] as const;
  for (;;) {
    const kind = rng.choice(kinds);
    if (kind === "buy-packs") {
      const packs = rng.intBetween(2, 6);
      const per = rng.intBetween(2, 12);
      const bought = packs * per;
      if (total + bought > maxValue) continue;
      return {
        sentence: `${subject} buys ${packs} ${item.container}s of ${item.plural} with ${per} ${item.plural} in each ${item.container}.`,
        calc: { expr: `${packs}*${per}`, value: bought },
        update: { expr: `${total}+${bought}`, value: total + bought },
        explain: (c, u) => `${name} buys ${c} ${item.plural}. Now ${lower} has ${u} ${item.plural}.`,
      };
    }
    if (kind === "receive") {
      const got = rng.intBetween(1, 30);
      if (total + got > maxValue) continue;
      const giver = rng.choice(["a friend", "a neighbor", "a cousin", "a teacher"]);
      return {
        sentence: `${subject} gets ${got} more ${item.plural} from ${giver}.`,
        calc: { expr: `${total}+${got}`, value: total + got },
        explain: (c) => `After getting ${got} more, ${name} has ${c} ${item.plural}.`,
      };
    }
    if (kind === "give") {
      if (total < 2) continue;
      const gave = rng.intBetween(1, Math.min(30, total - 1));
      const taker = rng.choice(["a sibling", "a classmate", "a friend", "a neighbor"]);
      return {
        sentence: `${subject} gives ${gave} ${item.plural} to ${taker}.`,
        calc: { expr: `${total}-${gave}`, value: total - gave },
        explain: (c) => `After giving away ${gave}, ${name} has ${c} ${item.plural}.`,
      };
    }
    if (kind === "half") {
      if (total % 2 !== 0 || total < 2) continue;
      return {
        sentence: `${subject} gives half of ${possessive} ${item.plural} to a friend.`,
        calc: { expr: `${total}/2`, value: total / 2 },
        explain: (c) => `Giving away half leaves ${name} with ${c} ${item.plural}.`,
      };
    }
    if (2 * total > maxValue || total === 0) continue;
    return {
      sentence: `${subject} doubles the number of ${item.plural} ${lower} has.`,
      calc: { expr: `${total}*2`, value: total * 2 },
      explain: (c) => `Doubling gives ${name} ${c} ${item.plural}.`,
    };
  }
}

/** The meta of a `word-problems` instance: its generator settings and the question text. */
export type WordProblemMeta = {
  readonly steps: number;
  readonly maxValue: number;
  readonly format: "gsm8k" | "cot";
  readonly question: string;
};

/** Options of {@link wordProblems}. */
export interface WordProblemOptions extends GenerateOptions {
  /** Number of operations after the start amount: the reasoning depth. */
  steps?: number;
  /** No running total exceeds this. */
  maxValue?: number;
  /**
   * `"gsm8k"`: `Question: …\nAnswer:` and a GSM8K-style answer with `<<a*b=c>>` calculator annotations
   * ending `#### N`; `"cot"`: `Q: …\nA:` and a rationale ending `The answer is N.`
   */
  format?: "gsm8k" | "cot";
}

/**
 * Templated grade-school word problems whose solution is generated step by step with the problem,
 * in GSM8K's format (`#### N`) or chain-of-thought format (`The answer is N.`).
 *
 * @example
 * ```ts
 * const [t] = wordProblems({ n: 1, seed: 0, steps: 3 });
 * t.target.endsWith(`#### ${t.answer}`); // true
 * ```
 */
export function wordProblems(options: WordProblemOptions): TaskInstance<"word-problems">[] {
  const { n, seed, steps = 3, maxValue = 1000, format = "gsm8k" } = options;
  checkGenerate(n, seed);
  checkInteger("steps", steps, 1, 50);
  checkInteger("maxValue", maxValue, 10, 1_000_000_000);
  if (format !== "gsm8k" && format !== "cot") {
    throw new TaskError("INVALID_ARGUMENT", `format must be "gsm8k" or "cot", got "${String(format)}"`);
  }
  const out: TaskInstance<"word-problems">[] = [];
  for (let i = 0; i < n; i++) {
    const rng = instanceRandom("word-problems", seed, i);
    const name = rng.choice(givenNames);
    const pronoun = feminine.has(name) ? "She" : "He";
    const item = rng.choice(items);
    let total = rng.intBetween(5, Math.min(50, maxValue));
    const sentences = [`${name} has ${total} ${item.plural}.`];
    const gsm: string[] = [];
    const cot: string[] = [];
    for (let s = 0; s < steps; s++) {
      const st = step(rng, total, name, pronoun, s === 0, item, maxValue);
      sentences.push(st.sentence);
      const calc = `${st.calc.expr.replace(/\*/g, " * ").replace(/([+\-/])/g, " $1 ")} = <<${st.calc.expr}=${st.calc.value}>>${st.calc.value}`;
      const plainCalc = `${st.calc.expr.replace(/\*/g, " * ").replace(/([+\-/])/g, " $1 ")} = ${st.calc.value}`;
      if (st.update) {
        const upd = `${st.update.expr.replace(/([+-])/g, " $1 ")} = <<${st.update.expr}=${st.update.value}>>${st.update.value}`;
        const plainUpd = `${st.update.expr.replace(/([+-])/g, " $1 ")} = ${st.update.value}`;
        gsm.push(st.explain(calc, upd).replace(/ {2,}/g, " "));
        cot.push(st.explain(plainCalc, plainUpd).replace(/ {2,}/g, " "));
        total = st.update.value;
      } else {
        gsm.push(st.explain(calc).replace(/ {2,}/g, " "));
        cot.push(st.explain(plainCalc).replace(/ {2,}/g, " "));
        total = st.calc.value;
      }
    }
    const question = `${sentences.join(" ")} How many ${item.plural} does ${name} have now?`;
    const answer = String(total);
    const rationale =
      format === "gsm8k" ? `${gsm.join("\n")}\n#### ${answer}` : `${cot.join(" ")} The answer is ${answer}.`;
    out.push({
      id: `word-problems/${seed}/${i}`,
      family: "word-problems",
      prompt: format === "gsm8k" ? `Question: ${question}\nAnswer:` : `Q: ${question}\nA:`,
      target: ` ${rationale}`,
      answer,
      rationale,
      meta: { steps, maxValue, format, question },
    });
  }
  return out;
}
