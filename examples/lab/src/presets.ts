import type { AdditionMemberConfig } from "./run/train-addition.js";
import type { IclMemberConfig } from "./run/train-icl.js";

/** The three presets: `smoke` (CI, `npm run study -- --quick`), `quick` (`npm run study`), `full`. */
export type LabPreset = "smoke" | "quick" | "full";

/** What one preset trains. */
export interface LabPlan {
  readonly preset: LabPreset;
  /** Addition family: decoder widths (one layer, two heads), seeds, digits, the training budget. */
  readonly addition: {
    readonly digits: number;
    readonly widths: readonly number[];
    readonly layers: number;
    readonly seeds: readonly number[];
    readonly steps: number;
    readonly batch: number;
    readonly lr: number;
    readonly warmup: number;
    readonly trainProblems: number;
    readonly testProblems: number;
  };
  /** ICL family: decoder widths (two layers), d = 5, 2d + 1 points per prompt. */
  readonly icl: {
    readonly dims: number;
    readonly widths: readonly number[];
    readonly layers: number;
    readonly seeds: readonly number[];
    readonly steps: number;
    readonly batch: number;
    readonly lr: number;
    readonly warmup: number;
    /** Garg et al.'s dimension curriculum: from 1 coordinate, one more every this many steps, up to d. */
    readonly curriculumEvery: number;
    readonly evaluations: number;
    readonly testPrompts: number;
  };
  /** Bootstrap replicates of the emergence() threshold intervals. */
  readonly replicates: number;
}

/**
 * The presets. Every member of a family gets the same budget (steps × batch problems, so the same
 * number of training tokens per size within a condition; the scratchpad condition reads more tokens
 * per problem, by construction). Learning rate: Adam's 3e-3 for these one-layer widths ≤ 32 (1e-3
 * for the deeper ICL decoders), 5 % linear warm-up, cosine decay to lr/10, gradient norm clipped at 1.
 * Full: 6 widths 4…32 (240–12,672 non-embedding parameters, 1.7 decades) × 3 seeds × {direct,
 * scratchpad}, 1500 steps × 32 problems each, and 3 two-layer ICL widths × 2 seeds, 3000 steps × 64
 * prompts (Garg et al.'s batch) with their dimension curriculum scaled to d = 5 (1 → 5 coordinates, one
 * more every 400 steps) — sized for about 30 min on two cores.
 */
export function labPlan(preset: LabPreset): LabPlan {
  switch (preset) {
    case "smoke":
      return {
        preset,
        addition: {
          digits: 2,
          widths: [4, 6, 8, 12, 16],
          layers: 1,
          seeds: [0],
          steps: 30,
          batch: 8,
          lr: 3e-3,
          warmup: 3,
          trainProblems: 2000,
          testProblems: 40,
        },
        icl: {
          dims: 5,
          widths: [4, 8, 16],
          layers: 1,
          seeds: [0],
          steps: 30,
          batch: 8,
          lr: 3e-3,
          warmup: 3,
          curriculumEvery: 4,
          evaluations: 3,
          testPrompts: 60,
        },
        replicates: 0,
      };
    case "quick":
      return {
        preset,
        addition: {
          digits: 2,
          widths: [4, 6, 8, 12, 16, 24],
          layers: 1,
          seeds: [0],
          steps: 200,
          batch: 32,
          lr: 3e-3,
          warmup: 10,
          trainProblems: 5000,
          testProblems: 100,
        },
        icl: {
          dims: 5,
          widths: [8, 16, 24],
          layers: 2,
          seeds: [0],
          steps: 150,
          batch: 16,
          lr: 1e-3,
          warmup: 8,
          curriculumEvery: 20,
          evaluations: 5,
          testPrompts: 200,
        },
        replicates: 100,
      };
    default:
      return {
        preset: "full",
        addition: {
          digits: 2,
          widths: [4, 8, 12, 16, 24, 32],
          layers: 1,
          seeds: [0, 1, 2],
          steps: 1500,
          batch: 32,
          lr: 3e-3,
          warmup: 75,
          trainProblems: 5000,
          testProblems: 300,
        },
        icl: {
          dims: 5,
          widths: [8, 16, 32],
          layers: 2,
          seeds: [0, 1],
          steps: 3000,
          batch: 64,
          lr: 1e-3,
          warmup: 150,
          curriculumEvery: 400,
          evaluations: 10,
          testPrompts: 500,
        },
        replicates: 400,
      };
  }
}

/** The addition members of a plan for one answer style, smallest first, seeds fastest. */
export function additionMembers(plan: LabPlan, style: "direct" | "scratchpad"): AdditionMemberConfig[] {
  const a = plan.addition;
  return a.widths.flatMap((dModel) =>
    a.seeds.map((seed) => ({
      task: "addition" as const,
      engine: "@emerge/grok" as const,
      digits: a.digits,
      style,
      model: { layers: a.layers, dModel, heads: 2 },
      seed,
      steps: a.steps,
      batch: a.batch,
      lr: a.lr,
      warmup: a.warmup,
      trainProblems: a.trainProblems,
      testProblems: a.testProblems,
    })),
  );
}

/** The ICL members of a plan. */
export function iclMembers(plan: LabPlan): IclMemberConfig[] {
  const c = plan.icl;
  return c.widths.flatMap((dModel) =>
    c.seeds.map((seed) => ({
      task: "icl" as const,
      engine: "@emerge/grok" as const,
      dims: c.dims,
      points: 2 * c.dims + 1,
      model: { layers: c.layers, dModel, heads: 2 },
      seed,
      steps: c.steps,
      batch: c.batch,
      lr: c.lr,
      warmup: c.warmup,
      curriculum: { startDims: 1, every: c.curriculumEvery },
      evaluations: c.evaluations,
      testPrompts: c.testPrompts,
    })),
  );
}
