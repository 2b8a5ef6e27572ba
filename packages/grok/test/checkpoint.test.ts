import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Checkpoint,
  checkpointFormatVersion,
  createTrainer,
  decodeCheckpoint,
  encodeCheckpoint,
  GrokError,
} from "../src/index.js";

/** Format 1 as version 0.1.0 wrote it (checksum of the data only, inside the header). */
function encodeV1(c: Checkpoint, config: unknown = c.config): Uint8Array {
  const names = Object.keys(c.tensors).sort();
  const lengths = names.map((n) => (c.tensors[n] as Float32Array).length);
  const data = new Float32Array(lengths.reduce((x, y) => x + y, 0));
  let at = 0;
  for (const n of names) {
    data.set(c.tensors[n] as Float32Array, at);
    at += (c.tensors[n] as Float32Array).length;
  }
  const dataBytes = new Uint8Array(data.buffer);
  let h = 0x811c9dc5;
  for (const b of dataBytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const header = new TextEncoder().encode(
    JSON.stringify({
      config,
      step: c.step,
      rngState: c.rngState,
      elapsedS: c.elapsedS,
      metrics: c.metrics,
      names,
      lengths,
      checksum: h,
    }),
  );
  const pad = (4 - ((12 + header.length) % 4)) % 4;
  const out = new Uint8Array(12 + header.length + pad + dataBytes.length);
  out.set(new TextEncoder().encode("EMGROK01"));
  new DataView(out.buffer).setUint32(8, header.length + pad, true);
  out.set(header, 12);
  out.fill(0x20, 12 + header.length, 12 + header.length + pad);
  out.set(dataBytes, 12 + header.length + pad);
  return out;
}

describe("checkpoint format", () => {
  it("format 2 round-trips, reads format 1, and rejects a format-1 file with a corrupted config key as BAD_CHECKPOINT", async () => {
    const t = await createTrainer({ p: 7, steps: 3, model: { width: 8 }, stopAfterGeneralization: null });
    await t.run();
    const c = await t.checkpoint();
    t.dispose();
    expect(checkpointFormatVersion).toBe(2);
    const bytes = encodeCheckpoint(c);
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe("EMGROK02");
    expect(decodeCheckpoint(bytes)).toEqual(c);
    expect(decodeCheckpoint(encodeV1(c))).toEqual(c);
    // the bug: a corrupted config key in the header crashed later with an untyped TypeError
    for (const config of [
      { ...c.config, model: null },
      { ...c.config, optimizer: { lr: "x" } },
      "garbage",
      null,
    ]) {
      expect(() => decodeCheckpoint(encodeV1(c, config))).toThrow(
        expect.objectContaining({ code: "BAD_CHECKPOINT" }),
      );
    }
  });

  it("fuzz: flipped, truncated, extended or random bytes are BAD_CHECKPOINT, never another error", async () => {
    const t = await createTrainer({ p: 7, steps: 3, model: { width: 8 } });
    const good = encodeCheckpoint(await t.checkpoint());
    const goodV1 = encodeV1(await t.checkpoint());
    t.dispose();
    let tried = 0;
    let typed = 0;
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("flip"), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant("truncate"), at: fc.nat() }),
      fc.record({ kind: fc.constant("extend"), extra: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
      fc.record({ kind: fc.constant("random"), bytes: fc.uint8Array({ maxLength: 64 }) }),
      fc.record({
        kind: fc.constant("header"),
        at: fc.integer({ min: 8, max: 400 }),
        value: fc.integer({ min: 0, max: 255 }),
      }),
    );
    fc.assert(
      fc.property(fc.boolean(), mutation, (v1, m) => {
        tried++;
        const base = v1 ? goodV1 : good;
        let bytes: Uint8Array;
        if (m.kind === "flip") {
          bytes = base.slice();
          const i = m.at % bytes.length;
          bytes[i] = (bytes[i] as number) ^ (1 << m.bit);
        } else if (m.kind === "truncate") bytes = base.slice(0, m.at % base.length);
        else if (m.kind === "extend") bytes = new Uint8Array([...base, ...m.extra]);
        else if (m.kind === "header") {
          bytes = base.slice();
          if (bytes[m.at] === m.value) return;
          bytes[m.at] = m.value;
        } else bytes = m.bytes;
        try {
          decodeCheckpoint(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(GrokError);
          expect((e as GrokError).code).toBe("BAD_CHECKPOINT");
          typed++;
          return;
        }
        // format 1 has no checksum over its header: a change there may still decode, but only to a valid checkpoint
        expect(v1).toBe(true);
      }),
      { numRuns: 3000, seed: 2 },
    );
    console.log(`checkpoint fuzz: ${tried} damaged files, ${typed} typed BAD_CHECKPOINT, 0 other errors`);
  });
});
