import type { GrokConfig } from "@emerge/grok";

/** What {@link predictMlp} returns. */
export interface MlpPredictions {
  /** Argmax class of each pair. */
  readonly predicted: Int32Array;
  /** Mean softmax probability of the target class (when targets are given), else null. */
  readonly meanTargetProbability: number | null;
  /** Mean cross-entropy −log p(target) in nats (when targets are given), else null. */
  readonly meanTargetLogLoss: number | null;
}

/**
 * Class predictions (argmax of the logits) of a trained @emerge/grok MLP for the pairs (a[i], b[i]),
 * computed on the host from the weights of a checkpoint. The layout follows @emerge/grok's MLP: `W0`
 * ([2·vocab, width]: rows of a, then rows of vocab + b), hidden `Wl` ([width, width]), output
 * `W{depth}` ([width, vocab]), optional biases `bl`.
 */
export function predictMlp(
  config: GrokConfig,
  tensors: Readonly<Record<string, Float32Array>>,
  vocab: number,
  a: Int32Array,
  b: Int32Array,
  target?: Int32Array,
): MlpPredictions {
  const { model } = config;
  if (model.kind !== "mlp") throw new RangeError("predictMlp needs an MLP config");
  const { width, depth, activation, bias } = model;
  if (activation !== "quadratic" && activation !== "relu") {
    throw new RangeError(`predictMlp supports quadratic and relu activations, not ${activation}`);
  }
  const tensor = (name: string, size: number): Float32Array => {
    const t = tensors[name];
    if (!t || t.length !== size)
      throw new RangeError(`checkpoint tensor ${name} is missing or not of size ${size}`);
    return t;
  };
  const act = activation === "quadratic" ? (v: number) => v * v : (v: number) => Math.max(v, 0);
  const weights = Array.from({ length: depth + 1 }, (_, l) =>
    tensor(`W${l}`, (l === 0 ? 2 * vocab : width) * (l === depth ? vocab : width)),
  );
  const biases = Array.from({ length: depth + 1 }, (_, l) =>
    bias ? tensor(`b${l}`, l === depth ? vocab : width) : undefined,
  );
  const out = new Int32Array(a.length);
  let h = new Float64Array(width);
  let next = new Float64Array(width);
  const logits = new Float64Array(vocab);
  let probability = 0;
  let logLoss = 0;
  for (let i = 0; i < a.length; i++) {
    const ra = (a[i] as number) * width;
    const rb = ((b[i] as number) + vocab) * width;
    const w0 = weights[0] as Float32Array;
    const b0 = biases[0];
    for (let c = 0; c < width; c++) {
      h[c] = act((w0[ra + c] as number) + (w0[rb + c] as number) + (b0 ? (b0[c] as number) : 0));
    }
    for (let l = 1; l < depth; l++) {
      const w = weights[l] as Float32Array;
      const bl = biases[l];
      for (let c = 0; c < width; c++) {
        let s = bl ? (bl[c] as number) : 0;
        for (let r = 0; r < width; r++) s += (h[r] as number) * (w[r * width + c] as number);
        next[c] = act(s);
      }
      [h, next] = [next, h];
    }
    const wo = weights[depth] as Float32Array;
    const bo = biases[depth];
    for (let k = 0; k < vocab; k++) logits[k] = bo ? (bo[k] as number) : 0;
    for (let r = 0; r < width; r++) {
      const v = h[r] as number;
      const row = r * vocab;
      for (let k = 0; k < vocab; k++) logits[k] = (logits[k] as number) + v * (wo[row + k] as number);
    }
    let best = 0;
    for (let k = 1; k < vocab; k++) if ((logits[k] as number) > (logits[best] as number)) best = k;
    out[i] = best;
    if (target) {
      const max = logits[best] as number;
      let z = 0;
      for (let k = 0; k < vocab; k++) z += Math.exp((logits[k] as number) - max);
      const logP = (logits[target[i] as number] as number) - max - Math.log(z);
      probability += Math.exp(logP);
      logLoss -= logP;
    }
  }
  return {
    predicted: out,
    meanTargetProbability: target ? probability / a.length : null,
    meanTargetLogLoss: target ? logLoss / a.length : null,
  };
}
