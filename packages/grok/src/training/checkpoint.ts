import type { RandomState } from "@emerge/random";
import { type GrokConfig, revalidateConfig } from "../config.js";
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

/** Format 1: header not covered by the checksum. Read for old runs, never written. */
const MAGIC_V1 = "EMGROK01";
/** Format 2: magic, u32 header length, JSON header, padding, float32 data, u32 FNV-1a of all bytes before it. */
const MAGIC = "EMGROK02";
/**
 * The checkpoint format {@link encodeCheckpoint} writes (format 1 files are still read).
 *
 * @example
 * ```ts
 * checkpointFormatVersion; // 2
 * ```
 */
export const checkpointFormatVersion = 2;

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Serialise a checkpoint (format 2): magic `EMGROK02`, header length, JSON header (format version,
 * config, step, RNG state, history, tensor names and lengths), float32 payload, then a checksum of
 * everything before it, so a flipped bit in the header is caught as surely as one in the weights.
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
  const header = JSON.stringify({
    formatVersion: checkpointFormatVersion,
    config: c.config,
    step: c.step,
    rngState: c.rngState,
    elapsedS: c.elapsedS,
    metrics: c.metrics,
    names,
    lengths,
  });
  const headerBytes = new TextEncoder().encode(header);
  const pad = (4 - ((MAGIC.length + 4 + headerBytes.length) % 4)) % 4;
  const dataStart = MAGIC.length + 4 + headerBytes.length + pad;
  const out = new Uint8Array(dataStart + total * 4 + 4);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(MAGIC.length, headerBytes.length + pad, true);
  out.set(headerBytes, MAGIC.length + 4);
  out.fill(0x20, MAGIC.length + 4 + headerBytes.length, dataStart);
  // the payload is written as little-endian bytes explicitly: the file reads the same on any machine
  let at = dataStart;
  for (const n of names) {
    for (const v of c.tensors[n] as Float32Array) {
      view.setFloat32(at, v, true);
      at += 4;
    }
  }
  view.setUint32(at, fnv1a(out.subarray(0, at)), true);
  return out;
}

const isInt = (x: unknown, min = 0): x is number =>
  typeof x === "number" && Number.isSafeInteger(x) && x >= min;

/**
 * Parse {@link encodeCheckpoint}'s bytes (format 2, or the older format 1); throws
 * `GrokError("BAD_CHECKPOINT")` on any corruption, including a header whose config no longer
 * validates (the message names the key), never an untyped error.
 *
 * @example
 * ```ts
 * const checkpoint = decodeCheckpoint(new Uint8Array(await readFile("runs/demo/checkpoints/step-500.ckpt")));
 * ```
 */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const bad = (why: string): never => {
    throw new GrokError("BAD_CHECKPOINT", `not a valid checkpoint: ${why}`);
  };
  if (!(bytes instanceof Uint8Array)) bad("not bytes");
  const magic = bytes.length >= 12 ? new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) : "";
  if (magic !== MAGIC && magic !== MAGIC_V1) bad("wrong magic (not a checkpoint, or an unknown format)");
  const v2 = magic === MAGIC;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = v2 ? bytes.length - 4 : bytes.length;
  if (v2 && (end < MAGIC.length + 4 || fnv1a(bytes.subarray(0, end)) !== view.getUint32(end, true)))
    bad("checksum mismatch (truncated or damaged file)");
  const headerLength = view.getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4 + headerLength;
  if (start > end) bad("truncated header");
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(MAGIC.length + 4, start)),
    );
  } catch {
    return bad("unreadable header");
  }
  if (typeof header !== "object" || header === null || Array.isArray(header))
    return bad("header is not an object");
  if (v2 && header.formatVersion !== checkpointFormatVersion)
    bad(`unsupported format version ${String(header.formatVersion)}`);
  const { names, lengths, step, rngState, elapsedS, metrics } = header;
  if (
    !Array.isArray(names) ||
    !names.every((n) => typeof n === "string") ||
    new Set(names).size !== names.length
  )
    bad("tensor names are not a list of distinct strings");
  if (
    !Array.isArray(lengths) ||
    lengths.length !== (names as string[]).length ||
    !lengths.every((l) => isInt(l))
  )
    bad("tensor lengths do not match the names");
  if (!isInt(step)) bad(`step ${String(step)} is not an integer ≥ 0`);
  if (
    !Array.isArray(rngState) ||
    rngState.length !== 4 ||
    !rngState.every((x) => isInt(x) && x <= 0xffffffff)
  )
    bad("rngState is not four 32-bit words");
  if (typeof elapsedS !== "number" || !Number.isFinite(elapsedS) || elapsedS < 0)
    bad("elapsedS is not a time");
  if (!Array.isArray(metrics) || !metrics.every((m) => typeof m === "object" && m !== null && isInt(m.step)))
    bad("metrics are not evaluation records");
  let config: GrokConfig;
  try {
    config = revalidateConfig(header.config);
  } catch (e) {
    return bad(`config: ${e instanceof Error ? e.message : String(e)}`);
  }
  const total = (lengths as number[]).reduce((x, y) => x + y, 0);
  if (end - start !== total * 4) bad(`expected ${total * 4} data bytes, found ${end - start}`);
  if (!v2) {
    // format 1 kept a checksum of the data only, inside the header
    const legacy = header.checksum;
    if (fnv1a(bytes.subarray(start, end)) !== legacy) bad("checksum mismatch");
  }
  const tensors: Record<string, Float32Array> = {};
  let at = start;
  (names as string[]).forEach((n, i) => {
    const t = new Float32Array((lengths as number[])[i] as number);
    for (let j = 0; j < t.length; j++, at += 4) t[j] = view.getFloat32(at, true);
    tensors[n] = t;
  });
  return {
    config,
    step: step as number,
    rngState: rngState as unknown as RandomState,
    elapsedS: elapsedS as number,
    metrics: metrics as EvalRecord[],
    tensors,
  };
}
