/**
 * `--dry-run` prints every prompt without any endpoint; checked through the real command line
 * (the README's `npm run eval` command runs exactly this node invocation) and in process.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { capture } from "./capture.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

describe("icl-eval --dry-run", () => {
  it("prints the prompts of every suite and level from the command line, with no endpoint", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        "--conditions=@emerge/source",
        "--import",
        "tsx",
        "src/cli.ts",
        "--dry-run",
        "--n",
        "2",
        "--shots",
        "3",
        "--digits",
        "2,4",
      ],
      { cwd: root, env: { ...process.env, NO_COLOR: "1" } },
    );
    const headers = stdout.match(/^===== .* =====$/gm) ?? [];
    // 2 prompts × (2 digit levels + 3 depths + 6 coin-flip lengths).
    expect(headers.length).toBe(2 * (2 + 3 + 6));
    expect(headers.filter((h) => h.includes("arithmetic · digits 4")).length).toBe(2);
    // GPT-3 format with three exemplars before the question.
    const arithmetic = stdout.split("===== arithmetic · digits 2 · #0")[1]?.split("-----")[0] ?? "";
    expect(arithmetic.match(/Q: What is \d+ plus \d+\?/g)?.length).toBe(4);
    // Chain-of-thought exemplars carry their rationale.
    expect(stdout).toContain("Let's think step by step.");
    expect(stdout).toMatch(/So the answer is (yes|no)\./);
    expect(stdout).toContain("nothing was sent");
  }, 60_000);

  it("is deterministic and honours --suites and --seed", async () => {
    const a = capture();
    const b = capture();
    const c = capture();
    const args = ["--dry-run", "--suites", "coin-flip", "--steps", "3", "--n", "3"];
    expect(await main(args, a.io)).toBe(0);
    expect(await main(args, b.io)).toBe(0);
    expect(await main([...args, "--seed", "7"], c.io)).toBe(0);
    expect(a.text.out).toBe(b.text.out);
    expect(c.text.out).not.toBe(a.text.out);
    expect(a.text.out).not.toContain("arithmetic");
    expect(a.text.out.match(/^===== coin-flip · steps 3/gm)?.length).toBe(3);
  });

  it("refuses a bad command line with a clear message and exit code 1", async () => {
    const missing = capture();
    expect(await main(["--model", "x"], missing.io)).toBe(1);
    expect(missing.text.err).toContain("--endpoint is required");
    const badSize = capture();
    expect(await main(["--endpoint", "http://127.0.0.1:1/v1", "--model", "x=big"], badSize.io)).toBe(1);
    expect(badSize.text.err).toContain("model size must be a positive number");
    const badSuite = capture();
    expect(await main(["--dry-run", "--suites", "poetry"], badSuite.io)).toBe(1);
    expect(badSuite.text.err).toContain('unknown suite "poetry"');
  });
});
