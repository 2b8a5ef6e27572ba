import { describe, expect, it } from "vitest";
import { runSeed } from "../src/run-seed.js";
import { spectrumSnapshot, topUnits, unitEnergies } from "../src/spectrum.js";

/** W0 whose unit c embeds both operands as cos(2π k_c a / p): every unit tuned to one frequency. */
function tunedW0(p: number, frequencies: readonly number[]): Float32Array {
  const width = frequencies.length;
  const w0 = new Float32Array(2 * p * width);
  for (let a = 0; a < p; a++) {
    frequencies.forEach((k, c) => {
      const v = Math.cos((2 * Math.PI * k * a) / p);
      w0[a * width + c] = v;
      w0[(p + a) * width + c] = v;
    });
  }
  return w0;
}

describe("embedding spectrum", () => {
  it("puts all of a tuned unit's energy in its frequency and rank 1", () => {
    const p = 13;
    const freqs = [3, 3, 5, 1];
    const energy = unitEnergies(tunedW0(p, freqs), p, freqs.length);
    const snap = spectrumSnapshot(40, energy, freqs.length);
    expect(snap.step).toBe(40);
    expect(snap.shares).toHaveLength(6);
    expect(snap.shares[2]).toBeCloseTo(0.5, 6); // two of four equal-energy units on k = 3
    expect(snap.shares[4]).toBeCloseTo(0.25, 6);
    expect(snap.rankShares[0]).toBeCloseTo(1, 6);
    expect(snap.shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
    const units = topUnits(energy, freqs.length, 3);
    expect(units.map((u) => u.dominant)).toEqual([...units.map((u) => u.dominant)].sort((a, b) => a - b));
    expect(units[0]?.shares).toHaveLength(6);
  });

  it("spreads an untuned unit's energy over ranks", () => {
    const p = 11;
    const w0 = new Float32Array(2 * p);
    w0[0] = 1; // a one-hot embedding has a flat spectrum
    const snap = spectrumSnapshot(0, unitEnergies(w0, p, 1), 1);
    for (const share of snap.rankShares) expect(share).toBeCloseTo(1 / 5, 6);
    expect(() => unitEnergies(new Float32Array(3), p, 1)).toThrow(RangeError);
  });
});

describe("a seed of the study", () => {
  it("records a spectrum every spectrumEvery steps and the phases of the run", async () => {
    const run = await runSeed(
      {
        p: 13,
        trainFraction: 0.6,
        steps: 160,
        evalEvery: 20,
        model: { width: 64 },
        stopAfterGeneralization: 0,
      },
      1,
      40,
    );
    const steps = run.spectrum.map((s) => s.step);
    expect(steps.slice(0, 2)).toEqual([0, 40]);
    expect(steps.at(-1)).toBe(run.result.summary.steps);
    expect(run.finalUnits.length).toBe(48);
    expect(run.result.summary.memorizationStep).not.toBeNull();
    // Training concentrates each unit's energy: the top-frequency share grows from initialisation.
    expect(run.spectrum.at(-1)?.rankShares[0]).toBeGreaterThan(run.spectrum[0]?.rankShares[0] ?? 1);
  });
});
