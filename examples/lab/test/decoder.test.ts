import { randomSource } from "@emerge/random";
import { describe, expect, it } from "vitest";
import { decoderBackward, decoderForward, decoderLayout, initDecoder } from "../src/model/decoder.js";
import { squaredError, tokenCrossEntropy } from "../src/model/losses.js";

/** Relative error between analytic and central-difference gradients on a sample of parameters. */
function gradientCheck(
  loss: (theta: Float64Array) => number,
  grad: Float64Array,
  theta: Float64Array,
  indices: number[],
): number {
  let worst = 0;
  const h = 1e-5;
  for (const i of indices) {
    const old = theta[i]!;
    theta[i] = old + h;
    const up = loss(theta);
    theta[i] = old - h;
    const down = loss(theta);
    theta[i] = old;
    const numeric = (up - down) / (2 * h);
    const err = Math.abs(numeric - grad[i]!) / Math.max(1e-4, Math.abs(numeric) + Math.abs(grad[i]!));
    worst = Math.max(worst, err);
  }
  return worst;
}

describe("the lab decoder's gradients match finite differences", () => {
  it("tokens mode, two layers, two heads, next-token cross-entropy on masked positions", () => {
    const layout = decoderLayout({ layers: 2, dModel: 8, heads: 2, context: 7, vocab: 5 });
    const rng = randomSource("grad-tokens");
    const theta = initDecoder(layout, rng);
    // Larger weights than init so every path carries signal.
    for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! * 10 + rng.normal(0, 0.05);
    const tokens = [0, 3, 1, 4, 2, 2, 1];
    const mask = [0, 0, 1, 1, 0, 1, 1];
    const loss = (t: Float64Array) => {
      const fwd = decoderForward(layout, t, { tokens, n: tokens.length });
      return tokenCrossEntropy(fwd, tokens, mask, 5, 1).loss;
    };
    const fwd = decoderForward(layout, theta, { tokens, n: tokens.length });
    const { dOutput } = tokenCrossEntropy(fwd, tokens, mask, 5, 1);
    const grad = new Float64Array(layout.size);
    decoderBackward(layout, theta, fwd, dOutput, grad);
    const indices = Array.from({ length: 300 }, () => rng.int(layout.size));
    expect(gradientCheck(loss, grad, theta, indices)).toBeLessThan(1e-4);
  });

  it("vectors mode: linear read-in and read-out, squared error at chosen positions", () => {
    const layout = decoderLayout({ layers: 1, dModel: 8, heads: 2, context: 6, inputDims: 3 });
    const rng = randomSource("grad-vectors");
    const theta = initDecoder(layout, rng);
    for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! * 10 + rng.normal(0, 0.05);
    const vectors = Float64Array.from({ length: 18 }, () => rng.normal());
    const targets = [
      { position: 0, value: 0.3 },
      { position: 2, value: -1.1 },
      { position: 4, value: 0.7 },
    ];
    const loss = (t: Float64Array) =>
      squaredError(decoderForward(layout, t, { vectors, n: 6 }), targets, 1).loss;
    const fwd = decoderForward(layout, theta, { vectors, n: 6 });
    const grad = new Float64Array(layout.size);
    decoderBackward(layout, theta, fwd, squaredError(fwd, targets, 1).dOutput, grad);
    const indices = Array.from({ length: 300 }, () => rng.int(layout.size));
    expect(gradientCheck(loss, grad, theta, indices)).toBeLessThan(1e-4);
  });

  it("is causal: a later token does not change earlier outputs", () => {
    const layout = decoderLayout({ layers: 2, dModel: 8, heads: 2, context: 5, vocab: 4 });
    const theta = initDecoder(layout, randomSource("causal"));
    const a = decoderForward(layout, theta, { tokens: [1, 2, 3, 0, 1], n: 5 }).output;
    const b = decoderForward(layout, theta, { tokens: [1, 2, 3, 2, 2], n: 5 }).output;
    expect(Array.from(a.slice(0, 12))).toEqual(Array.from(b.slice(0, 12)));
    expect(Array.from(a.slice(12))).not.toEqual(Array.from(b.slice(12)));
  });

  it("refuses a spec outside the documented bounds before allocating", () => {
    expect(() => decoderLayout({ layers: 1, dModel: 10, heads: 3, context: 4, vocab: 4 })).toThrow(
      /multiple/,
    );
    expect(() => decoderLayout({ layers: 99, dModel: 8, heads: 2, context: 4, vocab: 4 })).toThrow(/layers/);
  });
});

describe("incremental decoding", () => {
  it("gives the same logits as the full forward pass at every position", async () => {
    const { decoderStepper } = await import("../src/model/decoder.js");
    const layout = decoderLayout({ layers: 2, dModel: 8, heads: 2, context: 6, vocab: 5 });
    const theta = initDecoder(layout, randomSource("stepper"));
    for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! * 20;
    const tokens = [4, 0, 2, 3, 1, 1];
    const full = decoderForward(layout, theta, { tokens, n: 6 }).output;
    const s = decoderStepper(layout, theta);
    tokens.forEach((t, i) => {
      const logits = s.push(t);
      for (let v = 0; v < 5; v++) expect(logits[v]!).toBeCloseTo(full[i * 5 + v]!, 10);
    });
  });
});
