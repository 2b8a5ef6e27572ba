/**
 * Realistic synthetic data for every chart type, generated from a fixed seed with @emerge/random.
 * The scaling example uses the parametric law fitted by Hoffmann et al. (2022, "Training
 * Compute-Optimal Large Language Models", approach 3): L(N, D) = 1.69 + 406.4/N^0.34 + 410.7/D^0.28.
 * Shared by the gallery, the benchmark and the snapshot tests.
 */
import { randomSource } from "@emerge/random";
import {
  type Chart,
  type EvalRecordLike,
  emergenceChart,
  type FitLike,
  grokkingChart,
  heatmap,
  lineChart,
  type SizeOption,
  scalingChart,
  scatter,
} from "../src/index.js";

const E = 1.69;
const A = 406.4;
const B = 410.7;
const ALPHA = 0.34;
const BETA = 0.28;
const chinchilla = (n: number, d: number) => E + A / n ** ALPHA + B / d ** BETA;

/** A fit-like object with a band that widens away from the data's centre (in log space). */
function fitLike(
  f: (x: number) => number,
  params: Record<string, number>,
  centre: number,
  relWidth: number,
): FitLike {
  return {
    params,
    predict: f,
    confidenceBand: (xs) => {
      const fit = xs.map(f);
      const half = xs.map(
        (x, i) => (fit[i] as number) * relWidth * (1 + Math.abs(Math.log10(x / centre)) ** 1.5 / 2),
      );
      return {
        x: [...xs],
        fit,
        lower: fit.map((y, i) => y - (half[i] as number)),
        upper: fit.map((y, i) => y + (half[i] as number)),
      };
    },
  };
}

export function scalingExample(size?: SizeOption): Chart {
  const rng = randomSource("plot-gallery-scaling");
  const points = [];
  for (let e = 7.6; e <= 10.2; e += 0.325) {
    const n = 10 ** e;
    for (const ratio of [5, 20, 80]) {
      const d = ratio * n;
      points.push({ size: n, loss: chinchilla(n, d) * Math.exp(rng.normal(0, 0.008)), tokens: d });
    }
  }
  return scalingChart({
    points,
    fit: {
      curve: fitLike((n) => chinchilla(n, 20 * n), { E, A, alpha: ALPHA }, 10 ** 8.9, 0.006),
      label: "L = 1.69 + 406·N^−0.34 + 411·D^−0.28",
    },
    extrapolateTo: 1e12,
    x: { title: "Parameters N" },
    y: { title: "Validation loss" },
    tokensTitle: "Tokens D",
    title: "Loss vs model size",
    ...(size ? { size } : {}),
  });
}

const logistic = (z: number) => 1 / (1 + Math.exp(-z));

export function emergenceExample(size: SizeOption = "page"): Chart {
  const rng = randomSource("plot-gallery-emergence");
  const sizes = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9, 1e10, 3e10, 1e11];
  const tasks = [
    { task: "3-digit addition", threshold: 2e9, k: 4.2, chance: 0.001 },
    { task: "IPA transliteration", threshold: 1.5e10, k: 3.4, chance: 0.02 },
  ];
  const panels = tasks.flatMap(({ task, threshold, k, chance }) => {
    const exact = (n: number) => chance + (1 - chance) * logistic(k * Math.log10(n / threshold));
    // The per-token metric of the same model rises smoothly: p_token^L = exact match for L tokens.
    const tokenAcc = (n: number) => exact(n) ** (1 / 6);
    const sigmoid = fitLike(exact, { k, threshold }, threshold, 0.05);
    const slope = (tokenAcc(1e11) - tokenAcc(1e7)) / 4;
    const smooth = { predict: (n: number) => tokenAcc(1e7) + slope * Math.log10(n / 1e7) };
    const ci = [threshold / 1.8, threshold * 1.6];
    return [
      {
        task,
        metric: "exact match",
        points: sizes.map((n) => ({
          size: n,
          score: Math.min(1, Math.max(0, exact(n) + rng.normal(0, 0.015))),
        })),
        fit: sigmoid,
        smooth,
        threshold: { value: threshold, ci },
        chance,
      },
      {
        task,
        metric: "token accuracy",
        points: sizes.map((n) => ({
          size: n,
          score: Math.min(1, Math.max(0, tokenAcc(n) + rng.normal(0, 0.015))),
        })),
        smooth: { predict: (n: number) => tokenAcc(n) },
        chance: chance ** (1 / 6),
      },
    ];
  });
  return emergenceChart({ panels, title: "Emergence or mirage? Exact match vs per-token accuracy", size });
}

export function grokkingExample(size?: SizeOption): Chart {
  const runs = [0, 1, 2].map((seed) => {
    const rng = randomSource(`plot-gallery-grokking-${seed}`);
    const mem = 250 * (1 + 0.15 * seed);
    const gen = 5000 * (1 + 0.35 * seed);
    const metrics: EvalRecordLike[] = [];
    for (let e = 1; e <= 5; e += 0.04) {
      const step = Math.round(10 ** e);
      const trainAcc = logistic(6 * Math.log10(step / (mem * 0.55)));
      const testAcc = 0.01 + 0.99 * logistic(9 * Math.log10(step / (gen * 0.8)));
      const noise = () => Math.exp(rng.normal(0, 0.04));
      metrics.push({
        step,
        trainAcc: Math.min(1, trainAcc),
        testAcc: Math.min(1, Math.max(0, testAcc + rng.normal(0, 0.004))),
        trainLoss: (4.6 * (1 - trainAcc) + 2e-4) * noise(),
        testLoss: (4.6 + 3 * trainAcc * (1 - testAcc) - 4.6 * testAcc + 5e-3) * noise(),
        weightNorm:
          900 *
          (1 + 0.6 * logistic(3 * Math.log10(step / mem))) *
          (1 - 0.7 * logistic(4 * Math.log10(step / gen))),
      });
    }
    return {
      label: `seed ${seed}`,
      metrics,
      summary: { memorizationStep: Math.round(mem), generalizationStep: Math.round(gen) },
    };
  });
  return grokkingChart({ runs, title: "Grokking on x + y mod 97", ...(size ? { size } : {}) });
}

export function heatmapExample(size?: SizeOption): Chart {
  const rng = randomSource("plot-gallery-heatmap");
  const primes = [
    7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109,
    113,
  ];
  const fractions = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
  const values = fractions.map((f) =>
    primes.map((p) => {
      const needed = 0.15 + 2.4 / Math.sqrt(p);
      return Math.min(1, Math.max(0, logistic(18 * (f - needed)) + rng.normal(0, 0.02)));
    }),
  );
  return heatmap({
    values,
    x: primes,
    y: fractions,
    xTitle: "modulus p",
    yTitle: "train fraction",
    colorTitle: "test accuracy",
    domain: [0, 1],
    title: "Test accuracy after 10⁴ steps",
    ...(size ? { size } : {}),
  });
}

export function fourierHeatmapExample(size?: SizeOption): Chart {
  const rng = randomSource("plot-gallery-fourier");
  const key = new Set([14, 35, 41, 42, 52]);
  const values = Array.from({ length: 16 }, (_, c) =>
    Array.from({ length: 49 }, (_, k) => {
      const base = 0.02 * Math.exp(rng.normal(0, 0.6));
      return key.has(k) && (c + k) % 3 !== 0 ? base + 4 * Math.exp(rng.normal(0, 0.3)) : base;
    }),
  );
  return heatmap({
    values,
    x: Array.from({ length: 49 }, (_, k) => k),
    y: Array.from({ length: 16 }, (_, c) => `c${c}`),
    xTitle: "frequency k",
    yTitle: "embedding component",
    colorTitle: "power",
    colorScale: "log",
    scheme: "magma",
    title: "Fourier spectrum of the embedding",
    ...(size ? { size } : {}),
  });
}

export function lineExample(size?: SizeOption): Chart {
  const rng = randomSource("plot-gallery-line");
  const series = [3e-4, 1e-3, 3e-3].map((lr) => ({
    name: `lr ${lr}`,
    points: Array.from({ length: 60 }, (_, i) => {
      const step = 10 * 1.13 ** i;
      const y = 2.1 + 6 / (1 + step * lr * 3) ** 0.7;
      const sd = 0.04 * y;
      return { x: step, y: y + rng.normal(0, 0.01), lower: y - sd, upper: y + sd };
    }),
  }));
  return lineChart({
    series,
    x: { title: "step", scale: "log" },
    y: { title: "train loss", scale: "log" },
    title: "Learning-rate sweep",
    ...(size ? { size } : {}),
  });
}

export function scatterExample(size?: SizeOption): Chart {
  const rng = randomSource("plot-gallery-scatter");
  const families = ["arithmetic", "linguistic", "reasoning"];
  const series = families.map((name, f) => ({
    name,
    points: Array.from({ length: 12 }, () => {
      const t = 10 ** (8 + 3 * rng.float() + f * 0.3);
      const score = Math.min(1, Math.max(0, 0.15 * Math.log10(t) - 1.05 + rng.normal(0, 0.06)));
      return { x: t, y: score, lower: Math.max(0, score - 0.05), upper: Math.min(1, score + 0.05) };
    }),
  }));
  return scatter({
    series,
    trend: { predict: (t: number) => 0.15 * Math.log10(t) - 1.05 },
    trendLabel: "least squares",
    x: { title: "emergence threshold (parameters)", scale: "log" },
    y: { title: "emergence score" },
    title: "Where abilities emerge",
    ...(size ? { size } : {}),
  });
}

/** Every example, by gallery name. */
export const examples: Readonly<Record<string, (size?: SizeOption) => Chart>> = {
  scaling: scalingExample,
  emergence: emergenceExample,
  grokking: grokkingExample,
  heatmap: heatmapExample,
  "heatmap-fourier": fourierHeatmapExample,
  line: lineExample,
  scatter: scatterExample,
};
