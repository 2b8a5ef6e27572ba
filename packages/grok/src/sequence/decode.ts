import type { Backend } from "../backends/backend.js";
import type { Batch, Model, SequenceInput } from "../model/model.js";
import { EOS, PAD } from "./vocabulary.js";

/**
 * Greedy decoding of a batch of prompts, all in one fixed-length batch: the prompts (BOS +
 * prompt tokens, row-major in rows of `seq`) are loaded, and for each of `steps` positions the
 * model runs once and every row that has not yet written EOS appends its argmax token (ties →
 * lowest id). Causal attention makes the padding after a row's last written token invisible to it.
 * Returns each row's written tokens (EOS excluded).
 *
 * @example
 * ```ts
 * const outs = await greedyDecode(backend, model, batch, prompts, promptLength, seq, 5);
 * ```
 */
export async function greedyDecode(
  backend: Backend,
  model: Model<SequenceInput>,
  batch: Batch,
  prompts: Int32Array,
  promptLength: Int32Array,
  seq: number,
  steps: number,
): Promise<number[][]> {
  const rows = batch.rows;
  const vocab = model.classes;
  const tokens = Int32Array.from(prompts);
  const targets = new Int32Array(rows * seq).fill(-1);
  const written: number[][] = Array.from({ length: rows }, () => []);
  const done = new Uint8Array(rows);
  for (let j = 0; j < steps; j++) {
    model.load(batch, { tokens, targets });
    model.forward(batch);
    const logits = (await backend.read(batch.logits)) as Float32Array;
    let active = 0;
    for (let r = 0; r < rows; r++) {
      if (done[r]) continue;
      const at = (promptLength[r] as number) + j; // the position being written
      if (at >= seq) {
        done[r] = 1;
        continue;
      }
      const base = (r * seq + at - 1) * vocab;
      let best = 0;
      for (let c = 1; c < vocab; c++)
        if ((logits[base + c] as number) > (logits[base + best] as number)) best = c;
      if (best === EOS || best === PAD) done[r] = 1;
      else {
        tokens[r * seq + at] = best;
        (written[r] as number[]).push(best);
        active++;
      }
    }
    if (active === 0) break;
  }
  return written;
}
