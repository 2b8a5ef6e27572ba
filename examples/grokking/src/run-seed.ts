import { createTrainer, type EvalRecord, type GrokConfigInput, type TrainResult } from "@emerge/grok";
import {
  type SpectrumSnapshot,
  spectrumSnapshot,
  topUnits,
  type UnitSpectrum,
  unitEnergies,
} from "./spectrum.js";

/** One seed of the study: the training result plus the embedding spectrum over time. */
export interface SeedRun {
  readonly seed: number;
  readonly result: TrainResult;
  readonly spectrum: readonly SpectrumSnapshot[];
  /** Spectra of the 48 most energetic hidden units at the end of training. */
  readonly finalUnits: readonly UnitSpectrum[];
}

/** Train one seed, snapshotting the embedding spectrum every `spectrumEvery` steps (via checkpoints). */
export async function runSeed(
  base: GrokConfigInput,
  seed: number,
  spectrumEvery: number,
  onEval?: (record: EvalRecord) => void,
): Promise<SeedRun> {
  const trainer = await createTrainer({ ...base, seed, checkpointEvery: spectrumEvery });
  const { config } = trainer;
  if (config.model.kind !== "mlp") throw new RangeError("the grokking study analyses the MLP's embeddings");
  const width = config.model.width;
  const spectrum: SpectrumSnapshot[] = [];
  let last: Float64Array | undefined;
  const snapshot = (step: number, w0: Float32Array | undefined) => {
    if (!w0) throw new RangeError("checkpoint has no W0 tensor");
    if (spectrum.at(-1)?.step === step) return;
    last = unitEnergies(w0, config.p, width);
    spectrum.push(spectrumSnapshot(step, last, width));
  };
  try {
    snapshot(0, (await trainer.checkpoint()).tensors.W0);
    const result = await trainer.run({
      ...(onEval ? { onEval } : {}),
      onCheckpoint: (c) => snapshot(c.step, c.tensors.W0),
    });
    return { seed, result, spectrum, finalUnits: last ? topUnits(last, width, 48) : [] };
  } finally {
    trainer.dispose();
  }
}
