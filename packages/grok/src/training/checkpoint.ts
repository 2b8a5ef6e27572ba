import type { RandomState } from "@emerge/random";
import type { GrokConfig } from "../config.js";
import { GrokError } from "../errors.js";
import type { EvalRecord } from "./types.js";

/** Everything needed to continue a run exactly: weights, AdamW moments, step, RNG state, history. */
export interface Checkpoint {
  config: GrokConfig;
  /** Updates done. */
  step: number;
  /** State of the minibatch sampler. */
  rngState: RandomState;
  /** Training seconds before this checkpoint. */
  elapsedS: number;
  metrics: EvalRecord[];
  /** Parameter values and moments by name, e.g. "W0", "W0.m", "W0.v". */
  tensors: Record<string, Float32Array>;
}

const MAGIC = "EMGROK01";

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Serialise a checkpoint: magic, JSON header (with a checksum of the data), float32 payload.
 *
 * @example
 * ```ts
 * const bytes = encodeCheckpoint(await trainer.checkpoint());
 * ```
 */
export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  const names = Object.keys(c.tensors).sort();
  const lengths = names.map((n) => (c.tensors[n] as Float32Array).length);
  const total = lengths.reduce((x, y) => x + y, 0);
  const data = new Float32Array(total);
  let at = 0;
  for (const n of names) {
    const t = c.tensors[n] as Float32Array;
    data.set(t, at);
    at += t.length;
  }
  const dataBytes = new Uint8Array(data.buffer);
  const header = JSON.stringify({
    config: c.config,
    step: c.step,
    rngState: c.rngState,
    elapsedS: c.elapsedS,
    metrics: c.metrics,
    names,
    lengths,
    checksum: fnv1a(dataBytes),
  });
  const headerBytes = new TextEncoder().encode(header);
  const pad = (4 - ((MAGIC.length + 4 + headerBytes.length) % 4)) % 4;
  const out = new Uint8Array(MAGIC.length + 4 + headerBytes.length + pad + dataBytes.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.length + pad, true);
  out.set(headerBytes, MAGIC.length + 4);
  out.fill(0x20, MAGIC.length + 4 + headerBytes.length, MAGIC.length + 4 + headerBytes.length + pad);
  out.set(dataBytes, MAGIC.length + 4 + headerBytes.length + pad);
  return out;
}

/** Parse {@link encodeCheckpoint}'s bytes; throws `GrokError("BAD_CHECKPOINT")` on any corruption. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const bad = (why: string): never => {
    throw new GrokError("BAD_CHECKPOINT", `not a valid checkpoint: ${why}`);
  };
  if (
    bytes.length < MAGIC.length + 4 ||
    new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC
  ) {
    bad("wrong magic");
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    MAGIC.length,
    true,
  );
  const start = MAGIC.length + 4 + headerLength;
  if (start > bytes.length) bad("truncated header");
  let header: {
    config: GrokConfig;
    step: number;
    rngState: RandomState;
    elapsedS: number;
    metrics: EvalRecord[];
    names: string[];
    lengths: number[];
    checksum: number;
  };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, start)));
  } catch {
    return bad("unreadable header");
  }
  const total = header.lengths.reduce((x, y) => x + y, 0);
  if (bytes.length - start !== total * 4)
    bad(`expected ${total * 4} data bytes, found ${bytes.length - start}`);
  const dataBytes = bytes.slice(start);
  if (fnv1a(dataBytes) !== header.checksum) bad("checksum mismatch");
  const data = new Float32Array(dataBytes.buffer);
  const tensors: Record<string, Float32Array> = {};
  let at = 0;
  header.names.forEach((n, i) => {
    const len = header.lengths[i] as number;
    tensors[n] = data.slice(at, at + len);
    at += len;
  });
  return {
    config: header.config,
    step: header.step,
    rngState: header.rngState,
    elapsedS: header.elapsedS,
    metrics: header.metrics,
    tensors,
  };
}
