import type { SeedPhases } from "@emerge/example-grokking";
import type { StudyId, StudyResults } from "./studies.js";

/** summary.json: the headline numbers of every study that ran, plus timing. */
export interface StudySummary {
  readonly generatedAt: string;
  readonly quick: boolean;
  /** Wall seconds per study and in total. */
  readonly wallS: Readonly<Partial<Record<StudyId | "total", number>>>;
  readonly grokking?: {
    readonly task: string;
    readonly model: string;
    /** Phase steps per seed. */
    readonly seeds: readonly Pick<
      SeedPhases,
      | "seed"
      | "memorizationStep"
      | "generalization95Step"
      | "generalizationStep"
      | "plateauSteps"
      | "finalTestAcc"
      | "finalGini"
    >[];
    readonly grokked: number;
    readonly medianPlateauSteps: number | null;
  };
  readonly mirage?: {
    readonly task: string;
    /** emergence() verdict per metric. */
    readonly verdicts: Readonly<Record<string, string>>;
    readonly fits: readonly {
      readonly metric: string;
      readonly verdict: string;
      readonly sigmoidWeight: number;
      readonly lrtPValue: number;
      readonly threshold: number;
      readonly slopePerDecade: number;
      readonly riseDecades: number;
    }[];
    readonly maxGapToPowerL: number;
    readonly mirageR2: number;
  };
  readonly chinchilla?: {
    readonly points: number;
    readonly level: number;
    readonly replicates: number;
    /** Estimates with bootstrap percentile intervals. */
    readonly estimates: Readonly<
      Record<string, { readonly value: number; readonly ci: readonly [number, number] }>
    >;
    readonly allocation: {
      readonly a: { readonly value: number; readonly ci: readonly [number, number] };
      readonly b: { readonly value: number; readonly ci: readonly [number, number] };
    };
    readonly tokensPerParamAtChinchillaBudget: {
      readonly value: number;
      readonly ci: readonly [number, number];
    };
  };
  readonly llmEmergence?: {
    /** emergence() verdict per task/metric series. */
    readonly verdicts: Readonly<Record<string, string>>;
    readonly emergent: readonly string[];
    readonly smooth: readonly string[];
    readonly inconclusive: readonly string[];
  };
}

const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : v);
const est = (e: { value: number; ci: readonly [number, number] }) => ({
  value: r6(e.value),
  ci: [r6(e.ci[0]), r6(e.ci[1])] as const,
});

/** Pick each study's headline numbers for summary.json. */
export function studySummary(
  results: StudyResults,
  quick: boolean,
  wallS: Partial<Record<StudyId | "total", number>>,
  now: Date = new Date(),
): StudySummary {
  const { grokking, mirage, chinchilla, llmEmergence } = results;
  return {
    generatedAt: now.toISOString(),
    quick,
    wallS,
    ...(grokking
      ? {
          grokking: {
            task: grokking.headline.task,
            model: grokking.headline.model,
            seeds: grokking.headline.seeds.map((s) => ({
              seed: s.seed,
              memorizationStep: s.memorizationStep,
              generalization95Step: s.generalization95Step,
              generalizationStep: s.generalizationStep,
              plateauSteps: s.plateauSteps,
              finalTestAcc: r6(s.finalTestAcc),
              finalGini: s.finalGini === null ? null : r6(s.finalGini),
            })),
            grokked: grokking.headline.grokked,
            medianPlateauSteps: grokking.headline.medianPlateauSteps,
          },
        }
      : {}),
    ...(mirage
      ? {
          mirage: {
            task: mirage.headline.task,
            verdicts: Object.fromEntries(mirage.headline.fits.map((f) => [f.metric, f.verdict])),
            fits: mirage.headline.fits.map((f) => ({
              metric: f.metric,
              verdict: f.verdict,
              sigmoidWeight: r6(f.sigmoidWeight),
              lrtPValue: r6(f.lrtPValue),
              threshold: r6(f.threshold),
              slopePerDecade: r6(f.slopePerDecade),
              riseDecades: r6(f.riseDecades),
            })),
            maxGapToPowerL: r6(mirage.headline.maxGapToPowerL),
            mirageR2: r6(mirage.headline.mirageR2),
          },
        }
      : {}),
    ...(chinchilla
      ? {
          chinchilla: {
            points: chinchilla.headline.points,
            level: chinchilla.headline.level,
            replicates: chinchilla.headline.replicates,
            estimates: Object.fromEntries(
              Object.entries(chinchilla.headline.estimates).map(([k, e]) => [k, est(e)]),
            ),
            allocation: {
              a: est(chinchilla.headline.allocation.a),
              b: est(chinchilla.headline.allocation.b),
            },
            tokensPerParamAtChinchillaBudget: est(chinchilla.headline.atChinchillaBudget.tokensPerParam),
          },
        }
      : {}),
    ...(llmEmergence
      ? {
          llmEmergence: {
            verdicts: Object.fromEntries(llmEmergence.headline.verdicts.map((v) => [v.id, v.verdict])),
            emergent: llmEmergence.headline.emergent,
            smooth: llmEmergence.headline.smooth,
            inconclusive: llmEmergence.headline.inconclusive,
          },
        }
      : {}),
  };
}
