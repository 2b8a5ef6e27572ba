import { emergeProject } from "../../vitest.shared";

// End-to-end runs render several Vega figures and fit emergence curves: allow for a busy CI machine.
export default emergeProject("example-icl-eval", { test: { testTimeout: 120_000 } });
