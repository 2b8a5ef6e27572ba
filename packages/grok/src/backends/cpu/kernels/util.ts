import { GrokError } from "../../../errors.js";
import type { Tensor } from "../../backend.js";
import { CpuTensor } from "../cpu-tensor.js";

/** The CPU storage behind a handle; a foreign handle is a caller bug worth a clear error. */
export function cpu(t: Tensor): CpuTensor {
  if (!(t instanceof CpuTensor)) {
    throw new GrokError("SHAPE_MISMATCH", `tensor of backend "${t.backend}" passed to the cpu backend`);
  }
  return t;
}

export function sameSize(kernel: string, ...ts: Tensor[]): void {
  const size = ts[0]?.size;
  for (const t of ts) {
    if (t.size !== size) {
      throw new GrokError(
        "SHAPE_MISMATCH",
        `${kernel}: sizes differ (${ts.map((x) => x.size).join(" vs ")})`,
      );
    }
  }
}
