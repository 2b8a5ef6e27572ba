import { expect, it } from "vitest";
import { fourierMeasures, frequencyEnergies, restrictedLosses, train } from "../src/index.js";

it("fourierMeasures: a single frequency is maximally sparse", () => {
  expect(fourierMeasures(Float64Array.from([0, 0, 5, 0]), 1)).toEqual({
    gini: 0.75,
    ipr: 1,
    keyFrequencies: [3],
    unitsPerFrequency: [0, 0, 1, 0],
  });
  const flat = fourierMeasures(Float64Array.from([1, 1, 1, 1]), 1);
  expect(flat.gini).toBeCloseTo(0);
  expect(flat.ipr).toBeCloseTo(0.25);
  expect(flat.keyFrequencies).toEqual([]);
  expect(flat.unitsPerFrequency).toEqual([0, 0, 0, 0]); // no frequency holds half of the unit
  expect(fourierMeasures(new Float64Array(4), 1)).toEqual({
    gini: 0,
    ipr: 0,
    keyFrequencies: [],
    unitsPerFrequency: [0, 0, 0, 0],
  });
});

it("frequencyEnergies finds the frequency of a cosine embedding, per unit", () => {
  const p = 13;
  const width = 2;
  const e = new Float32Array(p * width);
  for (let a = 0; a < p; a++) {
    e[a * width] = Math.cos((2 * Math.PI * 3 * a) / p); // unit 0: frequency 3
    e[a * width + 1] = Math.sin((2 * Math.PI * 5 * a) / p); // unit 1: frequency 5
  }
  const energy = frequencyEnergies([e], p, width);
  expect(energy).toHaveLength(6 * width);
  const m = fourierMeasures(energy, width);
  expect(m.ipr).toBeCloseTo(1, 6);
  expect(m.keyFrequencies.sort()).toEqual([3, 5]);
  expect(m.unitsPerFrequency).toEqual([0, 0, 1, 0, 1, 0]);
  expect(energy[2 * width]).toBeCloseTo((p / 2) ** 2, 3); // |Σ cos²|² = (p/2)²
  expect(energy[0]).toBeCloseTo(0, 6);
});

it("restrictedLosses: logits made of key frequencies keep their loss when restricted, lose it when excluded", () => {
  const p = 11;
  const logits = new Float32Array(p * p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++)
      for (let c = 0; c < p; c++)
        logits[(a * p + b) * p + c] = 8 * Math.cos((2 * Math.PI * 2 * (a + b - c)) / p);
  const rows = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % (p * p));
  const { restrictedLoss, excludedLoss } = restrictedLosses(logits, p, rows, [2]);
  const original = restrictedLosses(logits, p, rows, []).excludedLoss; // nothing removed: the plain loss
  expect(original).toBeLessThan(Math.log(p) / 2);
  expect(restrictedLoss).toBeCloseTo(original, 4);
  expect(excludedLoss).toBeCloseTo(Math.log(p), 4); // nothing left: uniform
  expect(restrictedLosses(logits, p, rows, [4]).restrictedLoss).toBeCloseTo(Math.log(p), 4);
});

it("the transformer trains and reports restricted / excluded losses", async () => {
  const { metrics, summary } = await train({
    p: 17,
    trainFraction: 0.5,
    steps: 20,
    evalEvery: 10,
    model: { kind: "transformer", dModel: 16, heads: 2, dMlp: 32, layers: 1 },
    optimizer: { lr: 1e-3 },
  });
  expect(summary.steps).toBe(20);
  expect(metrics[0]?.restrictedLoss).toBeGreaterThan(0);
  expect(metrics[0]?.excludedLoss).toBeGreaterThan(0);
  expect(metrics[2]?.trainLoss).toBeLessThan(metrics[0]?.trainLoss as number);
});
