import { GrokError } from "../../../errors.js";
import { bagSize, type KernelFunc, type Tensor } from "../../backend.js";
import type { GpuBackend } from "../gpu-backend.js";
import type { GpuTensor } from "../gpu-tensor.js";
import { check, digits, gpuOf, own, plusPrev, runInto } from "../program.js";
import { activation, activationBackward } from "./activation.js";

/**
 * Per-token row lists of an int32 index tensor, in CSR form on the device: `order` holds the rows
 * n (= slot / bag) sorted by token (stable, so rows of one token keep their order), token v owns
 * order[offsets[v] .. offsets[v+1]). Built on the host from the tensor's host copy (ids are only
 * ever written from the host) and cached until the ids change.
 */
interface RowLists {
  version: number;
  vocab: number;
  bag: number;
  order: GpuTensor;
  offsets: GpuTensor;
  /** Longest list: the loop bound of the scatter program. */
  maxCount: number;
}

const rowListCache = new WeakMap<GpuTensor, RowLists>();
const validated = new WeakMap<GpuTensor, { version: number; vocab: number }>();

/** Throw a typed error unless every id is in [0, vocab) (checked once per upload). */
function validateIds(indices: GpuTensor, vocab: number, kernel: string): Int32Array {
  const ids = indices.host;
  if (!ids) throw new GrokError("SHAPE_MISMATCH", `${kernel}: indices must be an int32 tensor`);
  const seen = validated.get(indices);
  if (seen && seen.version === indices.version && seen.vocab === vocab) return ids;
  for (let n = 0; n < ids.length; n++) {
    const id = ids[n] as number;
    if (id < 0 || id >= vocab) {
      throw new GrokError(
        "SHAPE_MISMATCH",
        `${kernel}: index ${id} at position ${n} is outside [0, ${vocab})`,
      );
    }
  }
  validated.set(indices, { version: indices.version, vocab });
  return ids;
}

function rowLists(b: GpuBackend, indices: GpuTensor, vocab: number, bag: number): RowLists {
  const cached = rowListCache.get(indices);
  if (cached && cached.version === indices.version && cached.vocab === vocab && cached.bag === bag)
    return cached;
  if (cached) {
    b.free(cached.order);
    b.free(cached.offsets);
  }
  const ids = validateIds(indices, vocab, "embeddingScatterAdd");
  const counts = new Int32Array(vocab + 1);
  for (const id of ids) counts[id + 1] = (counts[id + 1] as number) + 1;
  let maxCount = 0;
  for (let v = 0; v < vocab; v++) {
    maxCount = Math.max(maxCount, counts[v + 1] as number);
    counts[v + 1] = (counts[v + 1] as number) + (counts[v] as number);
  }
  const next = counts.slice(0, vocab);
  const order = new Int32Array(ids.length);
  for (let n = 0; n < ids.length; n++) {
    const id = ids[n] as number;
    order[next[id] as number] = Math.floor(n / bag);
    next[id] = (next[id] as number) + 1;
  }
  const lists: RowLists = {
    version: indices.version,
    vocab,
    bag,
    order: b.tensor([order.length], "int32"),
    offsets: b.tensor([vocab + 1], "int32"),
    maxCount,
  };
  b.upload(lists.order, order);
  b.upload(lists.offsets, counts);
  rowListCache.set(indices, lists);
  return lists;
}

/** out[n, :] (+)= Σ_j table[indices[n·bag + j], :] (and the fused activation, as a second program). */
export const embeddingGather: KernelFunc<"embeddingGather"> = (backend, args) => {
  if (!args.out) {
    // only the activation is wanted: the summed rows go to a temporary
    const act = args.activation;
    check(act !== undefined, "embeddingGather", "needs out, or an activation with its out");
    check(!args.accumulate, "embeddingGather", "accumulate needs out");
    const pre = backend.tensor((act as { out: { shape: readonly number[] } }).out.shape);
    try {
      embeddingGather(backend, { ...args, out: pre });
    } finally {
      backend.free(pre);
    }
    return;
  }
  const b = gpuOf(backend);
  const [table, indices, out] = own(b, "embeddingGather", args.table, args.indices, args.out);
  check(table.shape.length === 2, "embeddingGather", `table must be [V, D], got [${table.shape}]`);
  const [vocab, d] = table.shape as [number, number];
  check(indices.dtype === "int32", "embeddingGather", "indices must be int32");
  const bag = bagSize(args.bag, "embeddingGather");
  const n = indices.size / bag;
  check(
    Number.isInteger(n) && out.shape.length === 2 && out.shape[0] === n && out.shape[1] === d,
    "embeddingGather",
    `out [${out.shape}] vs ${indices.size} indices in bags of ${bag} of width ${d}`,
  );
  validateIds(indices, vocab, "embeddingGather");
  const accumulate = args.accumulate === true;
  const terms = Array.from(
    { length: bag },
    (_, j) => `table[Math.floor(indices[row * ${bag} + ${j}] + 0.5) * ${d} + col]`,
  );
  const source = `function (table, indices${accumulate ? ", prev" : ""}) {
  ${digits("this.thread.x", "row", ["col", d])}
  return ${accumulate ? ["prev[this.thread.x]", ...terms].join(" + ") : terms.join(" + ")};
}`;
  runInto(b, out, source, [table, indices], accumulate);
  // the fused activation as a second program (textures stay on the device between the two)
  if (args.activation)
    activation(backend, { x: args.out, out: args.activation.out, kind: args.activation.kind });
};

/**
 * dTable[indices[n], :] += dOut[n, :], written gather-style (one thread per table entry walks its
 * token's row list in order): deterministic, no atomics, and N·D work instead of V·N·D.
 */
export const embeddingScatterAdd: KernelFunc<"embeddingScatterAdd"> = (backend, args) => {
  if (args.activation) {
    // the activation's gradient into a temporary, then the plain scatter-add
    const { kind, x, table } = args.activation;
    const dx = backend.tensor(args.dOut.shape);
    const pre = x ?? backend.tensor(args.dOut.shape);
    try {
      if (!x)
        embeddingGather(backend, {
          table: table as Tensor,
          indices: args.indices,
          out: pre,
          bag: args.bag ?? 1,
        });
      activationBackward(backend, { x: pre, dy: args.dOut, dx, kind });
      const { activation: _, ...plain } = args;
      embeddingScatterAdd(backend, { ...plain, dOut: dx });
    } finally {
      backend.free(dx);
      if (!x) backend.free(pre);
    }
    return;
  }
  const b = gpuOf(backend);
  const [dOut, indices, dTable] = own(b, "embeddingScatterAdd", args.dOut, args.indices, args.dTable);
  check(dTable.shape.length === 2, "embeddingScatterAdd", `dTable must be [V, D], got [${dTable.shape}]`);
  const [vocab, d] = dTable.shape as [number, number];
  check(indices.dtype === "int32", "embeddingScatterAdd", "indices must be int32");
  const bag = bagSize(args.bag, "embeddingScatterAdd");
  const n = indices.size / bag;
  check(
    Number.isInteger(n) && dOut.shape.length === 2 && dOut.shape[0] === n && dOut.shape[1] === d,
    "embeddingScatterAdd",
    `dOut [${dOut.shape}] vs ${indices.size} indices in bags of ${bag} of width ${d}`,
  );
  const accumulate = args.accumulate === true;
  if (n === 0) {
    if (!accumulate) runInto(b, dTable, "function () { return 0; }", []);
    return;
  }
  const lists = rowLists(b, indices, vocab, bag);
  const source = `function (dOut, order, offsets${accumulate ? ", prev" : ""}) {
  ${digits("this.thread.x", "v", ["col", d])}
  const start = offsets[v];
  const end = offsets[v + 1];
  let s = 0;
  for (let j = 0; j < ${lists.maxCount}; j++) {
    if (start + j < end) {
      const row = Math.floor(order[start + j] + 0.5);
      s += dOut[row * ${d} + col];
    }
  }
  return s${plusPrev(accumulate)};
}`;
  runInto(b, dTable, source, [dOut, lists.order, lists.offsets], accumulate);
};
