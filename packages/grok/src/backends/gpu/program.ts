import { GrokError } from "../../errors.js";
import type { Backend, Tensor } from "../backend.js";
import { GpuBackend } from "./gpu-backend.js";
import type { GpuTensor } from "./gpu-tensor.js";

/**
 * Helpers shared by the kernel files: every gpu program is a gpu.js kernel function in SOURCE form
 * (a string), because
 * - shapes are baked in as literals: GLSL loops need constant bounds, and a program per shape is
 *   what gets cached anyway;
 * - gpu.js parses `Function.prototype.toString()`, which bundlers, minifiers and coverage tools
 *   are free to rewrite; a string reaches it untouched.
 * Every program writes a flat 1-D output of one value per thread (`this.thread.x`).
 */

/** The gpu backend behind `backend`, or a typed error when a kernel is called on another one. */
export function gpuOf(backend: Backend): GpuBackend {
  if (!(backend instanceof GpuBackend)) {
    throw new GrokError("UNKNOWN_BACKEND", `gpu kernel called with backend "${backend.name}"`);
  }
  return backend;
}

/** Shape check with the seam's error code. */
export function check(ok: boolean, kernel: string, detail: string): void {
  if (!ok) throw new GrokError("SHAPE_MISMATCH", `${kernel}: ${detail}`);
}

/** Own every tensor of a call (throws on foreign or freed tensors). */
export function own<T extends Tensor[]>(
  b: GpuBackend,
  kernel: string,
  ...ts: T
): { [K in keyof T]: GpuTensor } {
  return ts.map((t) => b.own(t, kernel)) as { [K in keyof T]: GpuTensor };
}

/**
 * Source lines that split the flat index `expr` into mixed-radix digits, innermost last:
 * `digits("this.thread.x", "n", ["i", 4], ["j", 3])` declares j (0..2), i (0..3) and n (the rest).
 * Shaders divide in float32 (GLSL's division is only accurate to 2.5 ulp), so the quotient
 * estimate floor((x + 0.5) / r) is corrected by one step either way from the exact remainder:
 * exact for every index below 2^24.
 */
export function digits(expr: string, outer: string, ...radices: [string, number][]): string {
  const lines: string[] = [];
  let cur = expr;
  for (let k = radices.length - 1; k >= 0; k--) {
    const [name, radix] = radices[k] as [string, number];
    const q = k === 0 ? outer : `q${k}_`;
    lines.push(
      `let ${q} = Math.floor((${cur} + 0.5) / ${radix});`,
      `let ${name} = ${cur} - ${q} * ${radix};`,
      `if (${name} < 0) {\n    ${q} = ${q} - 1;\n    ${name} = ${name} + ${radix};\n  }`,
      `if (${name} >= ${radix}) {\n    ${q} = ${q} + 1;\n    ${name} = ${name} - ${radix};\n  }`,
    );
    cur = q;
  }
  if (radices.length === 0) lines.push(`const ${outer} = ${expr};`);
  return lines.join("\n  ");
}

/** `+ prev[this.thread.x]` when accumulating into the output's previous values. */
export const plusPrev = (accumulate: boolean): string => (accumulate ? " + prev[this.thread.x]" : "");

/** Elementwise identity (copy, and the host → device upload). */
export const identitySource = "function (a) { return a[this.thread.x]; }";

/** Elementwise sum of two storages. */
export const addSource = "function (a, b) { return a[this.thread.x] + b[this.thread.x]; }";

/**
 * Run a program and swap the result in behind `out`; when `accumulate`, the program gets `out`'s
 * previous storage as its last argument `prev` (see {@link plusPrev}).
 */
export function runInto(
  b: GpuBackend,
  out: GpuTensor,
  source: string,
  args: (GpuTensor | number)[],
  accumulate = false,
): void {
  if (out.size === 0) return;
  const values = args.map((a) => (typeof a === "number" ? a : b.input(a)));
  if (accumulate) values.push(b.input(out));
  b.write(out, b.run(source, out.size, values));
}
