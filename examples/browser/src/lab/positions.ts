/**
 * Which answer digits a trained member gets right: greedy answers to the held-out problems from
 * @emerge/grok's own decoder and decoding (`decoder`, `greedyDecode`) with the member's trained
 * weights, scored digit by digit by place value. This is the lab's mirage question in small: is
 * exact match the product of per-position accuracies (independent digit errors), and which digit
 * (which carry) fails first? grok's evaluation reports exact match and mean per-token accuracy only.
 */
import {
  type Backend,
  type Checkpoint,
  type DecoderConfig,
  decoder,
  greedyDecode,
  kernels,
  reverseText,
  type SequenceDataset,
} from "@emerge/grok";
import { randomSource } from "@emerge/random";

/** Held-out answers scored by place value. */
export interface PositionScores {
  /** Exact match of the greedy answers (the same decoding as grok's evaluation). */
  readonly exactMatch: number;
  /**
   * Accuracy of each place, units first (units, tens, hundreds, …), over every held-out problem: a
   * place is right when the answer and the reference have the same digit there, or both have none.
   */
  readonly perPosition: readonly number[];
  /** Π of `perPosition`: what exact match would be if digit errors were independent. */
  readonly productOfPositions: number;
}

/**
 * Score places right-aligned: place j is the j-th character from the right (both absent counts as
 * right, e.g. no hundreds digit in 12 + 30 = 42). Pure, for the tests.
 *
 * @example
 * ```ts
 * scoreByPlace(["143", "42"], ["143", "52"], 3).perPosition; // [1, 0.5, 1]
 * ```
 */
export function scoreByPlace(
  got: readonly string[],
  want: readonly string[],
  places: number,
): PositionScores {
  const n = want.length;
  const right = new Array<number>(places).fill(0);
  let exact = 0;
  for (let i = 0; i < n; i++) {
    const g = got[i] ?? "";
    const w = want[i] as string;
    if (g === w) exact++;
    for (let j = 0; j < places; j++)
      if (g[g.length - 1 - j] === w[w.length - 1 - j]) right[j] = (right[j] ?? 0) + 1;
  }
  const perPosition = right.map((r) => (n === 0 ? Number.NaN : r / n));
  return {
    exactMatch: n === 0 ? Number.NaN : exact / n,
    perPosition,
    productOfPositions: perPosition.reduce((p, a) => p * a, 1),
  };
}

/**
 * Greedy answers of the trained weights in `checkpoint` to the held-out split of `sequences`, decoded
 * on `backend` (the one the member trained on: same kernels, same argmax ties), scored by place.
 * Builds a second decoder there, loads the weights, decodes every held-out prompt in one batch, and
 * leaves the backend's lifetime to the caller.
 *
 * @example
 * ```ts
 * const scores = await scorePositions(backend, await trainer.checkpoint(), trainer.sequences, config.model, false, 3);
 * scores.perPosition; // [units, tens, hundreds]
 * ```
 */
export async function scorePositions(
  backend: Backend,
  checkpoint: Checkpoint,
  sequences: SequenceDataset,
  model: DecoderConfig,
  reverse: boolean,
  places: number,
): Promise<PositionScores> {
  // The seed only fills initial values that the checkpoint's weights replace at once.
  const net = decoder(
    { backend, k: kernels(backend), rng: randomSource("lab/positions") },
    model,
    sequences.vocab.size,
    sequences.seq,
  );
  for (const p of net.params) {
    const values = checkpoint.tensors[p.name];
    if (values === undefined) throw new Error(`the checkpoint has no tensor ${p.name}`);
    backend.upload(p.value, values);
  }
  const { test, seq, maxAnswer, vocab } = sequences;
  const batch = net.batch(test.rows);
  const prompts = new Int32Array(test.rows * seq);
  for (let r = 0; r < test.rows; r++) {
    const len = test.promptLength[r] as number;
    prompts.set(test.tokens.subarray(r * seq, r * seq + len), r * seq);
  }
  const written = await greedyDecode(backend, net, batch, prompts, test.promptLength, seq, maxAnswer);
  const natural = (s: string) => (reverse ? reverseText(s) : s);
  const got = written.map((ids) => natural(vocab.decode(ids)));
  const want = test.answers.map((a) => natural(a));
  return scoreByPlace(got, want, places);
}
