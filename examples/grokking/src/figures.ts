import type { StudyFigure } from "@emerge/example-study-kit";
import { grokkingChart, heatmap, lineChart } from "@emerge/plot";
import type { SeedRun } from "./run-seed.js";

/** Steps of the snapshots shown as heatmap columns: at most `max`, evenly thinned. */
function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const stride = Math.ceil(items.length / max);
  return items.filter((_, i) => i % stride === 0 || i === items.length - 1);
}

/**
 * The study's figures: the accuracy/loss/weight-norm curves of every seed with the memorisation and
 * generalisation phases shaded, the first seed's embedding spectrum over training, and the Fourier
 * sparsity (Gini coefficient, inverse participation ratio) of every seed.
 */
export function grokkingFigures(runs: readonly SeedRun[]): StudyFigure[] {
  const first = runs[0];
  if (!first) return [];
  const { p } = first.result.config;
  const curves = grokkingChart({
    runs: runs.map((r) => ({
      label: `seed ${r.seed}`,
      metrics: r.result.metrics,
      summary: r.result.summary,
    })),
    title: `Grokking a + b mod ${p}`,
    size: "page",
  });
  const snaps = thin(first.spectrum, 60);
  const ranks = Math.min(12, snaps[0]?.rankShares.length ?? 0);
  const spectrum = heatmap({
    // Rows are ranks (strongest frequency at the top), columns are training steps.
    values: Array.from({ length: ranks }, (_, r) => snaps.map((s) => s.rankShares[r] ?? 0)),
    x: snaps.map((s) => s.step),
    y: Array.from({ length: ranks }, (_, r) => r + 1),
    xTitle: "step",
    yTitle: "rank of frequency within unit",
    colorTitle: "energy share",
    title: `Units specialise to one frequency (seed ${first.seed})`,
    size: "page",
  });
  const frequencies = first.finalUnits[0]?.shares.length ?? 0;
  const units = heatmap({
    values: first.finalUnits.map((u) => u.shares),
    x: Array.from({ length: frequencies }, (_, f) => f + 1),
    y: first.finalUnits.map((u) => `#${u.unit}`),
    xTitle: "frequency k",
    yTitle: "hidden unit (by dominant k)",
    colorTitle: "energy share",
    title: `Final spectra of the ${first.finalUnits.length} strongest units (seed ${first.seed})`,
    size: "page",
  });
  const sparsity = lineChart({
    series: runs.flatMap((r) => {
      const withFourier = r.result.metrics.filter((m) => m.fourier);
      return [
        {
          name: `Gini, seed ${r.seed}`,
          points: withFourier.map((m) => ({ x: m.step, y: m.fourier?.gini ?? 0 })),
        },
        {
          name: `IPR, seed ${r.seed}`,
          points: withFourier.map((m) => ({ x: m.step, y: m.fourier?.ipr ?? 0 })),
          dashed: true,
        },
      ];
    }),
    x: { title: "step" },
    y: { title: "sparsity over frequencies" },
    title: "Fourier progress measures",
    size: "page",
  });
  return [
    {
      id: "grokking-curves",
      title: "Training curves",
      caption:
        "Train and test accuracy, loss and weight norm of each seed. Shading marks memorisation (until train " +
        "accuracy reaches 99%) and the plateau before test accuracy reaches 99% (median over seeds).",
      chart: curves,
    },
    {
      id: "grokking-spectrum",
      title: "Fourier spectrum of the embeddings over training",
      caption:
        "For each hidden unit, the embedding energy (both operands) per frequency k of Z_p, sorted from the unit's " +
        "strongest frequency down and averaged over units (energy-weighted). Generalisation coincides with the " +
        "energy moving into each unit's top frequency.",
      chart: spectrum,
    },
    {
      id: "grokking-units",
      title: "Fourier features at the end of training",
      caption:
        "Normalised spectra of the most energetic hidden units after grokking, sorted by dominant frequency: each " +
        "unit is tuned to essentially one frequency, and together the units cover the frequencies of Z_p.",
      chart: units,
    },
    {
      id: "grokking-sparsity",
      title: "Fourier sparsity",
      caption:
        "Energy-weighted Gini coefficient and inverse participation ratio of each hidden unit's spectrum: both " +
        "rise as units specialise to single frequencies.",
      chart: sparsity,
    },
  ];
}
