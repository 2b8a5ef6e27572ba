import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import { cli } from "./helpers/cli.js";

const cwd = process.cwd();
const dir = mkdtempSync(join(tmpdir(), "emerge-tasks-cli-"));
beforeAll(() => {
  process.chdir(dir); // fuzzed --out values are relative paths
});
afterAll(() => {
  process.chdir(cwd);
});

describe("#16: emerge-tasks follows the CLI conventions", () => {
  it("--version prints only the version; --help prints the help exactly once", async () => {
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: "" });
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout.match(/Usage: emerge-tasks/g)).toHaveLength(1);
    expect(help.stderr).toBe("");
    const sub = await cli(["generate", "--help"]);
    expect(sub.stdout.match(/Usage: emerge-tasks generate/g)).toHaveLength(1);
    expect(await cli([])).toEqual({
      code: 2,
      stdout: "",
      stderr: "emerge-tasks: error: no command given; try 'emerge-tasks --help'\n",
    });
  });

  it("progress is drawn only on a TTY unless --progress; eval --json prints the totals", async () => {
    const { startServer } = await import("./helpers/server.js");
    const server = await startServer();
    try {
      const file = join(dir, "t.jsonl");
      await cli(["generate", "arithmetic", "--n", "3", "--out", file]);
      const base = ["eval", file, "--base-url", server.url, "--model", "m", "--out", join(dir, "ev")];
      const piped = await cli([...base, "--json"]);
      expect(piped.stderr).toBe("");
      expect(JSON.parse(piped.stdout).totals).toMatchObject({ instances: 3, errors: 0 });
      expect((await cli(base, true)).stderr).toMatch(/\[#+\]/);
      expect((await cli([...base, "--progress"])).stderr).toMatch(/\[#+\]/);
      expect((await cli([...base, "--no-progress"], true)).stderr).toBe("");
    } finally {
      await server.close();
    }
  });

  it("typed errors are one line with their code, and a stack only with --debug", async () => {
    const r = await cli(["generate", "modular", "--op", "div", "--p", "8"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^emerge-tasks: NOT_PRIME: [^\n]+\n$/);
    expect((await cli(["generate", "modular", "--op", "div", "--p", "8", "--debug"])).stderr).toMatch(
      /\n\s+at /,
    );
    const missing = await cli(["eval", "missing.jsonl", "--base-url", "http://h/v1", "--model", "m"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^emerge-tasks: IO_ERROR: cannot read missing\.jsonl[^\n]*\n$/);
  });

  it("fuzz: any argv exits 0, 1 or 2 with at most one line on stderr and never a stack", async () => {
    const token = fc.oneof(
      fc.constantFrom("list", "generate", "eval", "help", "bogus"),
      fc.constantFrom("arithmetic", "modular", "coin-flip", "function-regression", "word-problems", "nope"),
      fc.constantFrom(
        "--n",
        "--seed",
        "--format",
        "--out",
        "--json",
        "--digits",
        "--op",
        "--p",
        "--train-fraction",
        "--base-url",
        "--model",
        "--api",
        "--concurrency",
        "--retries",
        "--timeout",
        "--max-tokens",
        "--max-response-bytes",
        "--stop",
        "--scorer",
        "--cache",
        "--progress",
        "--no-progress",
        "--help",
        "-h",
        "--version",
        "-V",
        "--bogus",
        "--",
        "-x",
        "--kind",
        "--depth",
      ),
      fc.constantFrom(
        "-1",
        "0",
        "3",
        "7",
        "1e12",
        "2.5",
        "abc",
        "",
        "add",
        "div",
        "json",
        "gpt3",
        "missing.jsonl",
        "o",
      ),
      fc.string({ maxLength: 6 }),
    );
    const tally = { runs: 0, exit0: 0, exit1: 0, exit2: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 8 }), async (argv) => {
        const r = await cli(argv);
        tally.runs++;
        tally[`exit${r.code}` as "exit0"]++;
        expect([0, 1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        if (r.code !== 0) expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      }),
      { numRuns: 2000, seed: 16 },
    );
    console.log(`tasks argv fuzz: ${JSON.stringify(tally)}`);
  }, 120_000);
});
