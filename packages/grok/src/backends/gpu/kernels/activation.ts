import type { Activation, KernelFunc } from "../../backend.js";
import { check, gpuOf, own, runInto } from "../program.js";

/** √(2/π), the GELU tanh-approximation constant. */
const c = 0.7978845608028654;

/**
 * tanh(u) as 1 − 2/(e^{2u} + 1): saturates cleanly to ±1 where a shader's exp overflows, instead
 * of the NaN some GLSL tanh implementations return for large |u|.
 */
const tanhOf = (u: string) => `(1 - 2 / (Math.exp(2 * ${u}) + 1))`;

const forward: Record<Activation, string> = {
  quadratic: "return x * x;",
  relu: "return Math.max(x, 0);",
  gelu: `const th = ${tanhOf(`${c} * (x + 0.044715 * x * x * x)`)};
  return 0.5 * x * (1 + th);`,
};

const backward: Record<Activation, string> = {
  quadratic: "return 2 * x * dy;",
  relu: "if (x > 0) { return dy; }\n  return 0;",
  gelu: `const th = ${tanhOf(`${c} * (x + 0.044715 * x * x * x)`)};
  const du = ${c} * (1 + 3 * 0.044715 * x * x);
  return dy * (0.5 * (1 + th) + 0.5 * x * (1 - th * th) * du);`,
};

function kindOf(kind: Activation, kernel: string): Activation {
  check(Object.hasOwn(forward, kind), kernel, `unknown activation "${String(kind)}"`);
  return kind;
}

/** out = f(x). */
export const activation: KernelFunc<"activation"> = (backend, args) => {
  const b = gpuOf(backend);
  const [x, out] = own(b, "activation", args.x, args.out);
  check(x.size === out.size, "activation", `sizes ${x.size} vs ${out.size}`);
  const body = forward[kindOf(args.kind, "activation")];
  runInto(b, out, `function (xs) {\n  const x = xs[this.thread.x];\n  ${body}\n}`, [x]);
};

/** dx = dy · f'(x). */
export const activationBackward: KernelFunc<"activationBackward"> = (backend, args) => {
  const b = gpuOf(backend);
  const [x, dy, dx] = own(b, "activationBackward", args.x, args.dy, args.dx);
  check(
    x.size === dy.size && x.size === dx.size,
    "activationBackward",
    `sizes ${x.size}, ${dy.size}, ${dx.size}`,
  );
  const body = backward[kindOf(args.kind, "activationBackward")];
  const source = `function (xs, dys) {\n  const x = xs[this.thread.x];\n  const dy = dys[this.thread.x];\n  ${body}\n}`;
  runInto(b, dx, source, [x, dy]);
};
