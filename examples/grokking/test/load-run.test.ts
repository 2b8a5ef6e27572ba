import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadRun } from "@emerge/grok/node";
import { grokkingChart } from "@emerge/plot";
import { describe, expect, it } from "vitest";

// the CLI from @emerge/grok's sources, as the other tests run them (no build needed)
const grokDir = dirname(createRequire(import.meta.url).resolve("@emerge/grok/package.json"));

describe("a CLI run read back from disk", () => {
  it("emerge-grok train → loadRun → grokkingChart draws the run with its phases", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "grok-load-")), "run");
    const args = [
      ...["--import", "tsx", "--conditions", "@emerge/source", join(grokDir, "src/cli.ts"), "train"],
      ...["--p", "23", "--frac", "0.5", "--width", "128", "--steps", "1500", "--stop-after", "0", "--json"],
      ...["--out", dir, "--threads", "1"],
    ];
    const cli = spawnSync(process.execPath, args, { encoding: "utf8", cwd: grokDir });
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    const printed = JSON.parse(cli.stdout) as { summary: { generalizationStep: number } };

    const run = loadRun(dir);
    expect(run.summary.generalizationStep).toBe(printed.summary.generalizationStep);
    expect(run.summary.memorizationStep).toBeGreaterThan(0);
    expect(run.summary.generalizationStep).toBeGreaterThan(run.summary.memorizationStep as number);
    expect(run.metrics.at(-1)?.step).toBe(run.summary.steps);

    const chart = grokkingChart({ runs: [{ label: "seed 0", ...run }] });
    const phases = JSON.stringify(chart.spec);
    // the phase bands come from the loaded summary: memorisation ends at its memorizationStep
    expect(phases).toContain(`"phase":"memorisation"`);
    expect(phases).toContain(`"end":${run.summary.memorizationStep}`);
    expect(phases).toContain(
      `"phase":"plateau","start":${run.summary.memorizationStep},"end":${run.summary.generalizationStep}`,
    );
  }, 120_000);
});
