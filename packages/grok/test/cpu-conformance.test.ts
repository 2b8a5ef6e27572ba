import { cpuBackend } from "../src/backends/cpu/cpu-backend.js";
import { backendConformance } from "./conformance/backend-conformance.js";

const big = [
  [1, 1, 1],
  [3, 5, 7],
  [17, 9, 33],
  [64, 97, 40],
  [130, 70, 260],
  [301, 530, 97], // > NC columns, several K blocks, ragged tiles, split across threads
  [7, 16, 5], // one whole 16-column panel, odd rows
  [6, 20, 3], // a 4-column panel straight into C
  [9, 35, 18], // ragged panel of 3 columns
  [5, 46, 257], // ragged panel of 14 columns, a K block of 1
  [3, 1040, 2], // three NC blocks, the last one 16 wide
] as const;

backendConformance("cpu (wasm-simd, 2 threads)", () => cpuBackend({ threads: 2 }), { matMulSizes: big });
backendConformance("cpu (wasm-simd, 1 thread)", () => cpuBackend({ threads: 1 }));
backendConformance("cpu (JavaScript reference)", () => cpuBackend({ kernels: "js", name: "cpu" }));
