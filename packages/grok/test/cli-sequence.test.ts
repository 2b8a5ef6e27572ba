import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CliIo, main } from "../src/cli/main.js";
import { cpuBackend } from "../src/index.js";
import { trainToDirectory } from "../src/node/index.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stderrIsTTY: false,
    trainToDirectory,
    openBackend: (_, threads) => cpuBackend(threads === undefined ? {} : { threads }),
  };
  return { cli, out, err };
}

describe("emerge-grok train --model decoder", () => {
  it("--task, --op and --digits become the sequence task's family options", async () => {
    const { cli, out } = io();
    const argv = ["train", "--out", "x", "--dry-run", "--json", "--task", "arithmetic", "--op", "sub"];
    const status = await main(
      [
        ...argv,
        "--digits",
        "2",
        "--model",
        "decoder",
        "--layers",
        "1",
        "--d-model",
        "32",
        "--heads",
        "2",
        "--tied",
        "--no-reverse",
        "--train-size",
        "500",
        "--clip",
        "none",
      ],
      cli,
    );
    expect(status).toBe(0);
    const { config } = JSON.parse(out.join("")) as { config: Record<string, never> };
    expect(config.model).toMatchObject({
      kind: "decoder",
      layers: 1,
      dModel: 32,
      heads: 2,
      tiedEmbeddings: true,
    });
    expect(config.task).toMatchObject({
      family: "arithmetic",
      options: { op: "sub", digits: 2 },
      reverse: false,
      trainSize: 500,
    });
    expect(config.op).toBe("add"); // the modular op is untouched
    expect((config.optimizer as unknown as { clipGradNorm: null }).clipGradNorm).toBeNull();
  });

  it("sequence-only flags on a pair model are a usage error (exit 2)", async () => {
    const { cli, err } = io();
    expect(await main(["train", "--out", "x", "--dry-run", "--digits", "3"], cli)).toBe(2);
    expect(err.join("")).toMatch(/^emerge-grok: error: --digits .* sequence models/);
  });

  it("trains a decoder into a run directory and resumes it", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "grok-seq-")), "run");
    const flags = ["--model", "decoder", "--layers", "1", "--d-model", "16", "--heads", "2", "--d-mlp", "32"];
    const task = [
      "--digits",
      "1",
      "--train-size",
      "60",
      "--test-size",
      "8",
      "--batch",
      "8",
      "--eval-every",
      "10",
    ];
    const first = io();
    expect(
      await main(
        ["train", "--out", dir, ...flags, ...task, "--steps", "20", "--checkpoint-every", "10", "--json"],
        first.cli,
      ),
    ).toBe(0);
    const again = io();
    expect(await main(["train", "--out", dir, "--resume", "--steps", "30", "--json"], again.cli)).toBe(0);
    const lines = readFileSync(join(dir, "metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.step)).toEqual([0, 10, 20, 30]);
    expect(lines.every((l) => typeof l.testTokenAcc === "number")).toBe(true);
  });
});
