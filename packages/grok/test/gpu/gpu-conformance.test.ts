import { createGpuBackend } from "../../src/backends/gpu/index.js";
import { backendConformance } from "../conformance/backend-conformance.js";
import { nodeTolerances } from "./agreement.js";

// The shared suite, on gpu.js's automatic choice (headless-gl where installed, else WebAssembly)
// and on its plain-JavaScript backend. The WebGL2 run is test/browser/webgl2.test.ts.
backendConformance("gpu (gpu.js auto mode)", () => createGpuBackend(), nodeTolerances);
backendConformance("gpu (gpu.js cpu mode)", () => createGpuBackend({ mode: "cpu" }), nodeTolerances);
