/**
 * Calibration of `emergence()` by simulation (issue 12): curves from known generators (per-token smooth,
 * exact match p^L, sigmoids of 0.1–2 decades, flat at chance, inverse, U-shaped) at 5, 8 and 15 sizes
 * with binomial noise for 100 and 1000 questions, seeded.
 *
 * Honest split: the rule's constants are chosen by a grid search on the "calibration" seed set at
 * 8 sizes × 1000 questions; every confusion matrix is then measured on the separate "test" seed set
 * with the library's default rule (which holds the constants the search chose; the bench prints both
 * so a drift between them shows).
 *
 * Run alone: npx tsx --conditions=@emerge/source bench/emergence-calibration.ts
 * (EMERGENCE_CALIBRATION_REPLICATES=n series per class and setting; default 100.)
 */
import { randomSource } from "@emerge/random";
import { type EmergenceVerdict, prepare } from "../src/emergence/emergence.js";
import { type Evidence, gatherEvidence } from "../src/emergence/evidence.js";
import { defaultEmergenceRule, type EmergenceRule } from "../src/emergence/rule.js";
import { decide } from "../src/emergence/verdict.js";
import { CLASSES, type ClassName, simulate } from "./emergence-generators.js";

const VERDICTS: readonly EmergenceVerdict[] = [
  "emergent",
  "smooth",
  "flat",
  "inverse",
  "u-shaped",
  "insufficient-data",
];

/** The last-line JSON entry of `npm run bench -w @emerge/fit`. */
export interface EmergenceCalibrationSummary {
  readonly sizes: 8;
  readonly trials: 1000;
  readonly smooth_called_emergent: number;
  readonly sharp_called_emergent: number;
  readonly flat_called_emergent: number;
  readonly ushape_recognised: number;
  readonly n_per_class: number;
  /** The constants the grid search chose on the calibration seeds, and the library's defaults. */
  readonly rule_chosen: EmergenceRule;
  readonly rule_default: EmergenceRule;
  /**
   * Not a target: the same 8 × 1000 test with model-to-model scatter (logit sd 0.2) beyond the questions,
   * as real families have. Share of each class called emergent.
   */
  readonly scatter_0_2_called_emergent: Readonly<Record<string, number>>;
  /** Median ms per emergence analysis (without the intervals). */
  readonly median_ms: number;
  /** Wall-clock and CPU seconds of the whole calibration (both seed sets, every setting). */
  readonly wall_s: number;
  readonly cpu_s: number;
}

type Sample = { cls: ClassName; ev: Evidence; ms: number };

function draw(seedSet: string, sizes: number, trials: number, replicates: number, scatter = 0): Sample[] {
  const out: Sample[] = [];
  for (const { name } of CLASSES) {
    for (let k = 0; k < replicates; k++) {
      const r = randomSource(
        `${seedSet}/${name}/${sizes}/${trials}/${k}${scatter > 0 ? `/scatter${scatter}` : ""}`,
      );
      const s = simulate(r, name, sizes, trials, scatter);
      const t0 = performance.now();
      const series = prepare(s.sizes, s.scores, {
        trials: s.trials,
        ...(s.chance !== undefined ? { chance: s.chance } : {}),
      });
      const ev = gatherEvidence(series);
      out.push({ cls: name, ev, ms: performance.now() - t0 });
    }
  }
  return out;
}

type Matrix = Map<ClassName, Map<EmergenceVerdict, number>>;

function confusion(samples: readonly Sample[], rule: EmergenceRule): Matrix {
  const m: Matrix = new Map(CLASSES.map((c) => [c.name, new Map(VERDICTS.map((v) => [v, 0]))]));
  for (const s of samples) {
    const v = decide(s.ev, rule).verdict;
    const row = m.get(s.cls)!;
    row.set(v, row.get(v)! + 1);
  }
  return m;
}

const rate = (m: Matrix, cls: ClassName, v: EmergenceVerdict) => {
  const row = m.get(cls)!;
  let total = 0;
  for (const c of row.values()) total += c;
  return total ? row.get(v)! / total : Number.NaN;
};

/** Targets at 8 sizes × 1000 questions, and a score for the rules that meet them. */
function score(m: Matrix): { meets: boolean; value: number } {
  const smooth = rate(m, "per-token", "emergent");
  const flat = rate(m, "flat at chance", "emergent");
  const sharp = rate(m, "sigmoid < 0.5 dec", "emergent");
  const u = rate(m, "u-shaped", "u-shaped");
  // Mean rate of right answers over the classes that have one: the tie-break among rules.
  const right = CLASSES.filter((c) => c.truth !== null).map((c) => rate(m, c.name, c.truth!));
  const value = right.reduce((s, v) => s + v, 0) / right.length;
  return { meets: smooth <= 0.05 && flat === 0 && sharp >= 0.9 && u >= 0.8, value };
}

/** The searched constants, strict to loose; minChange is a practical size, held at the default, not searched. */
function* ruleGrid(): Generator<EmergenceRule> {
  const { minChange } = defaultEmergenceRule;
  for (const maxRiseDecades of [0.5, 0.75, 1, 1.25, 1.5, 2]) {
    for (const minSurprise of [8, 6, 5, 4, 3, 2]) {
      for (const flatAlpha of [0.001, 0.01, 0.05]) {
        for (const shapeAlpha of [0.001, 0.01, 0.05]) {
          for (const minArmZ of [4, 3, 2, 1.5]) {
            yield { maxRiseDecades, minSurprise, flatAlpha, shapeAlpha, minArmZ, minChange };
          }
        }
      }
    }
  }
}

function printMatrix(title: string, m: Matrix, log: (s: string) => void): void {
  log(`\n${title}`);
  log(`${"generator".padEnd(20)} ${VERDICTS.map((v) => v.padStart(9).slice(-9)).join(" ")}   n`);
  for (const { name, truth } of CLASSES) {
    const row = m.get(name)!;
    let total = 0;
    for (const c of row.values()) total += c;
    const cells = VERDICTS.map((v) => {
      const pct = `${((100 * row.get(v)!) / total).toFixed(0)}%`;
      return (v === truth ? `[${pct}]` : pct).padStart(9);
    });
    log(`${name.padEnd(20)} ${cells.join(" ")} ${String(total).padStart(4)}`);
  }
}

/** Run the calibration and the test-seed confusion matrices; return the 8 × 1000 headline. */
export function emergenceCalibration(
  options: { readonly replicates?: number; readonly log?: (s: string) => void } = {},
): EmergenceCalibrationSummary {
  const log = options.log ?? ((s: string) => console.log(s));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const replicates = options.replicates ?? Number(process.env.EMERGENCE_CALIBRATION_REPLICATES ?? 100);
  log(`\nemergence() calibration: ${replicates} series per generator and setting, binomial noise`);
  // 1. Choose the rule on the calibration seeds: among the rules that meet the targets at 8 sizes × 1000
  // questions, the strictest whose mean right-answer rate over all six settings is within one point of
  // the best (the grid runs from strict to loose in every constant).
  const settings: [number, number][] = [
    [5, 100],
    [5, 1000],
    [8, 100],
    [8, 1000],
    [15, 100],
    [15, 1000],
  ];
  const cal = settings.map(([sizes, trials]) => ({
    sizes,
    trials,
    samples: draw("calibration", sizes, trials, replicates),
  }));
  const headlineCal = cal.find((c) => c.sizes === 8 && c.trials === 1000)!.samples;
  const scored = [...ruleGrid()].map((rule) => ({
    rule,
    meets: score(confusion(headlineCal, rule)).meets,
    value: cal.reduce((s, c) => s + score(confusion(c.samples, rule)).value, 0) / cal.length,
  }));
  const feasible = scored.filter((r) => r.meets);
  const pool = feasible.length > 0 ? feasible : scored;
  const top = Math.max(...pool.map((r) => r.value));
  // Idealised binomial data reward ever looser constants by fractions of a point; real model families
  // scatter more than binomially. So: the strictest rule (first in grid order) within one point of the best.
  const best = pool.find((r) => r.value >= top - 0.01)!;
  log(
    `rule chosen on the calibration seeds: ${JSON.stringify(best.rule)} ` +
      `(targets met at 8 sizes × 1000 questions: ${best.meets}; mean right-answer rate over the six settings ${best.value.toFixed(3)}, best ${top.toFixed(3)})`,
  );
  log(`library default rule: ${JSON.stringify(defaultEmergenceRule)}`);
  printMatrix(
    "calibration seeds, 8 sizes, 1000 questions, default rule",
    confusion(headlineCal, defaultEmergenceRule),
    log,
  );
  // 2. Measure on different seeds with the default rule.
  let headline: EmergenceCalibrationSummary | undefined;
  const times: number[] = [];
  for (const sizes of [5, 8, 15]) {
    for (const trials of [100, 1000]) {
      const test = draw("test", sizes, trials, replicates);
      times.push(...test.map((s) => s.ms));
      const m = confusion(test, defaultEmergenceRule);
      printMatrix(
        `test seeds, ${sizes} sizes, ${trials} questions (rows: generator; [bracketed]: right answer)`,
        m,
        log,
      );
      if (sizes === 8 && trials === 1000) {
        headline = {
          sizes: 8,
          trials: 1000,
          smooth_called_emergent: rate(m, "per-token", "emergent"),
          sharp_called_emergent: rate(m, "sigmoid < 0.5 dec", "emergent"),
          flat_called_emergent: rate(m, "flat at chance", "emergent"),
          ushape_recognised: rate(m, "u-shaped", "u-shaped"),
          n_per_class: replicates,
          rule_chosen: best.rule,
          rule_default: defaultEmergenceRule,
          scatter_0_2_called_emergent: {},
          median_ms: 0,
          wall_s: 0,
          cpu_s: 0,
        };
      }
    }
  }
  const sorted = times.sort((a, b) => a - b);
  // 3. Stress, not calibrated for: extra scatter between sizes (one training run each).
  const stress = confusion(draw("test", 8, 1000, replicates, 0.2), defaultEmergenceRule);
  printMatrix(
    "stress (not a target): test seeds, 8 sizes, 1000 questions, logit scatter sd 0.2 between sizes",
    stress,
    log,
  );
  const scatterEmergent = Object.fromEntries(CLASSES.map((c) => [c.name, rate(stress, c.name, "emergent")]));
  const cpu = process.cpuUsage(c0);
  return {
    ...headline!,
    scatter_0_2_called_emergent: scatterEmergent,
    median_ms: Number(sorted[sorted.length >> 1]!.toFixed(2)),
    wall_s: Math.round((performance.now() - t0) / 1000),
    cpu_s: Math.round((cpu.user + cpu.system) / 1e6),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const summary = emergenceCalibration();
  console.log(JSON.stringify({ emergence_calibration: summary }));
}
