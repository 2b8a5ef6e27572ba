import { isBagRows, type KernelFunc, matMulDims, matMulOnGatheredRows } from "../../backend.js";
import { digits, gpuOf, own, plusPrev, runInto } from "../program.js";

/**
 * out (+)= op(a) · op(b): one thread per output element runs the K-long dot product; the
 * transposes are folded into the index arithmetic, so no transposed copy is ever made.
 */
export const matMul: KernelFunc<"matMul"> = (backend, args) => {
  if (isBagRows(args.a)) {
    matMulOnGatheredRows(backend, args, (plain) => matMul(backend, plain));
    return;
  }
  const b = gpuOf(backend);
  const [ta, tb, out] = own(b, "matMul", args.a, args.b, args.out);
  const { m, n, k } = matMulDims(args);
  const accumulate = args.accumulate === true;
  const aIndex = args.transposeA === true ? `t * ${m} + i` : `i * ${k} + t`;
  const bIndex = args.transposeB === true ? `j * ${k} + t` : `t * ${n} + j`;
  const source = `function (a, b${accumulate ? ", prev" : ""}) {
  ${digits("this.thread.x", "i", ["j", n])}
  let s = 0;
  for (let t = 0; t < ${k}; t++) {
    s += a[${aIndex}] * b[${bIndex}];
  }
  return s${plusPrev(accumulate)};
}`;
  runInto(b, out, source, [ta, tb], accumulate);
};
