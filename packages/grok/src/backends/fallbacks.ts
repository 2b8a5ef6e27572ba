/** Portable compositions of plain kernels that backends without a fused form fall back to. */
import type { Backend, Tensor } from "./contract.js";
import type { BagRows, KernelArgs } from "./kernel-args.js";
import { kernels } from "./registry.js";
import { operandShape } from "./shapes.js";

/**
 * Run a matMul whose `a` is {@link BagRows} by gathering the rows (and their activation) into
 * temporaries first: the portable path every backend can take.
 */
export function matMulOnGatheredRows(
  backend: Backend,
  args: KernelArgs["matMul"],
  run: (plain: KernelArgs["matMul"] & { a: Tensor }) => void,
): void {
  const a = args.a as BagRows;
  const shape = operandShape(a);
  const k = kernels(backend);
  const pre = backend.tensor(shape);
  const post = a.activation ? backend.tensor(shape) : undefined;
  try {
    const gather = { table: a.table, indices: a.indices, out: pre, bag: a.bag };
    if (post && a.activation) k.embeddingGather({ ...gather, activation: { kind: a.activation, out: post } });
    else k.embeddingGather(gather);
    run({ ...args, a: post ?? pre });
  } finally {
    backend.free(pre);
    if (post) backend.free(post);
  }
}
