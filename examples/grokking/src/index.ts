/**
 * Grokking in a box: @emerge/grok's default demo trained past generalisation over three seeds, with
 * the memorisation and generalisation steps of each seed and the Fourier progress measures.
 * @packageDocumentation
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
import { type GrokkingPreset, grokkingStudyConfig } from "./config.js";
import { grokkingFigures } from "./figures.js";
import { runSeed, type SeedRun } from "./run-seed.js";

export type { StudyFigure, StudyOptions, StudyResult, StudyTable } from "@emerge/example-study-kit";
export { type GrokkingPreset, type GrokkingStudyConfig, grokkingStudyConfig } from "./config.js";
export { runSeed, type SeedRun } from "./run-seed.js";
export {
  type SpectrumSnapshot,
  spectrumSnapshot,
  topUnits,
  type UnitSpectrum,
  unitEnergies,
} from "./spectrum.js";

/** The phases of one seed. */
export interface SeedPhases {
  readonly seed: number;
  /** First evaluated step with train accuracy ≥ 99%. */
  readonly memorizationStep: number | null;
  /** First evaluated step with test accuracy ≥ 95%. */
  readonly generalization95Step: number | null;
  /** First evaluated step with test accuracy ≥ 99%. */
  readonly generalizationStep: number | null;
  /** generalizationStep − memorizationStep: the grokking plateau. */
  readonly plateauSteps: number | null;
  readonly finalTestAcc: number;
  /** Energy-weighted Gini coefficient of the units' spectra at the last Fourier evaluation. */
  readonly finalGini: number | null;
  /** Share of a unit's energy in its strongest frequency at the end (energy-weighted mean over units). */
  readonly topFrequencyShare: number | null;
  readonly steps: number;
  readonly wallS: number;
}

/** Headline numbers of the grokking study. */
export interface GrokkingHeadline {
  readonly task: string;
  readonly model: string;
  readonly seeds: readonly SeedPhases[];
  /** How many seeds reached 99% test accuracy. */
  readonly grokked: number;
  /** Median plateau length over the seeds that grokked (null if none did). */
  readonly medianPlateauSteps: number | null;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function phasesOf(run: SeedRun): SeedPhases {
  const { summary, metrics } = run.result;
  const lastFourier = [...metrics].reverse().find((m) => m.fourier)?.fourier;
  return {
    seed: run.seed,
    memorizationStep: summary.memorizationStep,
    generalization95Step: summary.generalization95Step,
    generalizationStep: summary.generalizationStep,
    plateauSteps: summary.plateauSteps,
    finalTestAcc: summary.final.testAcc,
    finalGini: lastFourier?.gini ?? null,
    topFrequencyShare: run.spectrum.at(-1)?.rankShares[0] ?? null,
    steps: summary.steps,
    wallS: summary.wallS,
  };
}

const fmt = (v: number | null) => (v === null ? "never" : String(v));

/**
 * Train the study's seeds one after the other and build its figures and tables. `preset` picks the size
 * (default: `quick` with `quick`, else the full `demo`).
 *
 * @example
 * ```ts
 * const { headline } = await run({ quick: true, outDir: "out/grokking" });
 * console.log(headline.seeds.map((s) => s.generalizationStep));
 * ```
 */
export async function run(
  options: StudyOptions & { readonly preset?: GrokkingPreset },
): Promise<StudyResult<GrokkingHeadline>> {
  const { base, seeds, spectrumEvery } = grokkingStudyConfig(
    options.preset ?? (options.quick ? "quick" : "demo"),
  );
  const runs: SeedRun[] = [];
  for (const seed of seeds) {
    const label = `seed ${seed} (${runs.length + 1}/${seeds.length})`;
    const r = await runSeed(base, seed, spectrumEvery, (e) => {
      if (e.step % (spectrumEvery * 5) === 0) {
        options.onProgress?.(
          `${label}: step ${e.step}, train ${(100 * e.trainAcc).toFixed(0)}%, test ${(100 * e.testAcc).toFixed(0)}%`,
        );
      }
    });
    runs.push(r);
    options.onProgress?.(
      `${label}: memorised at ${fmt(r.result.summary.memorizationStep)}, generalised at ${fmt(r.result.summary.generalizationStep)}`,
    );
  }
  const config = runs[0]?.result.config;
  if (config?.model.kind !== "mlp") throw new RangeError("the grokking study needs at least one MLP run");
  const phases = runs.map(phasesOf);
  const plateaus = phases.flatMap((p) => (p.plateauSteps === null ? [] : [p.plateauSteps]));
  const headline: GrokkingHeadline = {
    task: `a + b mod ${config.p}, ${Math.round(config.trainFraction * 100)}% of pairs for training`,
    model: `MLP, ${config.model.width} ${config.model.activation} units, AdamW lr ${config.optimizer.lr}, weight decay ${config.optimizer.weightDecay}`,
    seeds: phases,
    grokked: phases.filter((p) => p.generalizationStep !== null).length,
    medianPlateauSteps: median(plateaus),
  };
  await mkdir(options.outDir, { recursive: true });
  await writeFile(
    join(options.outDir, "grokking-runs.json"),
    `${JSON.stringify(runs.map((r) => ({ seed: r.seed, summary: r.result.summary, metrics: r.result.metrics, spectrum: r.spectrum, finalUnits: r.finalUnits })))}\n`,
  );
  const table: StudyTable = {
    id: "grokking-phases",
    title: "Phases per seed",
    columns: [
      "seed",
      "memorised (train ≥ 99%)",
      "test ≥ 95%",
      "generalised (test ≥ 99%)",
      "plateau",
      "final test acc",
      "final Gini",
      "top-frequency share",
      "wall s",
    ],
    rows: phases.map((p) => [
      p.seed,
      p.memorizationStep,
      p.generalization95Step,
      p.generalizationStep,
      p.plateauSteps,
      Number(p.finalTestAcc.toFixed(4)),
      p.finalGini === null ? null : Number(p.finalGini.toFixed(3)),
      p.topFrequencyShare === null ? null : Number(p.topFrequencyShare.toFixed(3)),
      Number(p.wallS.toFixed(1)),
    ]),
  };
  const grokSteps = phases.map((p) => fmt(p.generalizationStep)).join(", ");
  return {
    title: "Grokking modular addition",
    summary:
      `${headline.model} on ${headline.task}: ${headline.grokked} of ${phases.length} seeds generalised ` +
      `(test ≥ 99%) at steps ${grokSteps}, after memorising at ${phases.map((p) => fmt(p.memorizationStep)).join(", ")}` +
      (headline.medianPlateauSteps === null ? "." : `; median plateau ${headline.medianPlateauSteps} steps.`),
    headline,
    figures: grokkingFigures(runs),
    tables: [table],
  };
}
export { study } from "./study.js";
