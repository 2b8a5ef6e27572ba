import { createGpuBackend } from "../../src/backends/gpu/index.js";
import { backendConformance } from "../conformance/backend-conformance.js";

// gpu.js's own fallback in Node: WebAssembly (f32x4 SIMD) where no GL context exists.
backendConformance("gpu (gpu.js auto mode)", () => createGpuBackend());
