import { emergeProject } from "../../vitest.shared";

// The end-to-end test builds the page, starts Chromium and trains to grokking: give it room.
export default emergeProject("example-browser", { test: { testTimeout: 240_000, hookTimeout: 120_000 } });
