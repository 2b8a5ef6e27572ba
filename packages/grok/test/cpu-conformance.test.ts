import { cpuBackend } from "../src/backends/cpu/cpu-backend.js";
import { backendConformance } from "./conformance/backend-conformance.js";

const big = [
  [1, 1, 1],
  [3, 5, 7],
  [17, 9, 33],
  [64, 97, 40],
  [130, 70, 260],
  [301, 530, 97], // > NC columns, several K blocks, ragged tiles, split across threads
] as const;

backendConformance("cpu (wasm-simd, 2 threads)", () => cpuBackend({ threads: 2 }), { matMulSizes: big });
backendConformance("cpu (wasm-simd, 1 thread)", () => cpuBackend({ threads: 1 }));
backendConformance("cpu (JavaScript reference)", () => cpuBackend({ kernels: "js", name: "cpu" }));
