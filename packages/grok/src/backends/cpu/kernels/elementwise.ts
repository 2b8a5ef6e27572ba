import { type Activation, assertShape, type KernelArgs, rowsCols } from "../../backend.js";
import { cpu, sameSize } from "./util.js";

export function fill({ out, value }: KernelArgs["fill"]): void {
  const o = cpu(out);
  if (o.dtype === "int32") o.i32.fill(value);
  else o.f32.fill(value);
}

export function copy({ x, out }: KernelArgs["copy"]): void {
  sameSize("copy", x, out);
  cpu(out).i32.set(cpu(x).i32);
}

export function add({ a, b, out }: KernelArgs["add"]): void {
  sameSize("add", a, b, out);
  const x = cpu(a).f32;
  const y = cpu(b).f32;
  const o = cpu(out).f32;
  for (let i = 0; i < o.length; i++) o[i] = (x[i] as number) + (y[i] as number);
}

export function biasAdd({ x, bias, out }: KernelArgs["biasAdd"]): void {
  sameSize("biasAdd", x, out);
  const { rows, cols } = rowsCols(x);
  assertShape(bias.size === cols, "biasAdd", `bias size ${bias.size} vs ${cols} columns`);
  biasAddRange(cpu(x).f32, cpu(bias).f32, cpu(out).f32, cols, 0, rows);
}

/** Rows [from, to) of biasAdd (self-contained: worker threads run its source). */
export function biasAddRange(
  xs: Float32Array,
  bs: Float32Array,
  o: Float32Array,
  cols: number,
  from: number,
  to: number,
): void {
  for (let r = from; r < to; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) o[base + c] = (xs[base + c] as number) + (bs[c] as number);
  }
}

export function sumRows({ dy, out, accumulate = false }: KernelArgs["sumRows"]): void {
  const { rows, cols } = rowsCols(dy);
  assertShape(out.size === cols, "sumRows", `out size ${out.size} vs ${cols} columns`);
  const d = cpu(dy).f32;
  const o = cpu(out).f32;
  const acc = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) acc[c] = (acc[c] as number) + (d[base + c] as number);
  }
  for (let c = 0; c < cols; c++) o[c] = (accumulate ? (o[c] as number) : 0) + (acc[c] as number);
}

export function activation({ x, out, kind }: KernelArgs["activation"]): void {
  sameSize("activation", x, out);
  activationRange(cpu(x).f32, cpu(out).f32, kind, 0, x.size);
}

// The two range functions are self-contained (no module-level references): worker threads run their source.
export function activationRange(
  xs: Float32Array,
  o: Float32Array,
  kind: Activation,
  from: number,
  to: number,
): void {
  const GELU_C = 0.7978845608028654; // √(2/π)
  if (kind === "quadratic") {
    for (let i = from; i < to; i++) {
      const v = xs[i] as number;
      o[i] = v * v;
    }
  } else if (kind === "relu") {
    for (let i = from; i < to; i++) {
      const v = xs[i] as number;
      o[i] = Math.max(v, 0);
    }
  } else {
    for (let i = from; i < to; i++) {
      const v = xs[i] as number;
      o[i] = 0.5 * v * (1 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v)));
    }
  }
}

export function activationBackward({ x, dy, dx, kind }: KernelArgs["activationBackward"]): void {
  sameSize("activationBackward", x, dy, dx);
  activationBackwardRange(cpu(x).f32, cpu(dy).f32, cpu(dx).f32, kind, 0, x.size);
}

export function activationBackwardRange(
  xs: Float32Array,
  g: Float32Array,
  o: Float32Array,
  kind: Activation,
  from: number,
  to: number,
): void {
  const GELU_C = 0.7978845608028654;
  if (kind === "quadratic") {
    for (let i = from; i < to; i++) o[i] = 2 * (xs[i] as number) * (g[i] as number);
  } else if (kind === "relu") {
    for (let i = from; i < to; i++) o[i] = (xs[i] as number) > 0 ? (g[i] as number) : 0;
  } else {
    for (let i = from; i < to; i++) {
      const v = xs[i] as number;
      const u = GELU_C * (v + 0.044715 * v * v * v);
      const t = Math.tanh(u);
      const du = GELU_C * (1 + 3 * 0.044715 * v * v);
      o[i] = (g[i] as number) * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du);
    }
  }
}

export function sumSquares({ x, out, accumulate = false }: KernelArgs["sumSquares"]): void {
  assertShape(out.size === 1, "sumSquares", "out must have size 1");
  const xs = cpu(x).f32;
  const o = cpu(out).f32;
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] as number;
    s += v * v;
  }
  o[0] = (accumulate ? (o[0] as number) : 0) + s;
}
