import { spawn } from "node:child_process";
import { mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import { main } from "../src/cli/main.js";
import { cliBundle, FIXTURE_JOB } from "./helpers/cli.js";

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { log: (l) => (stdout += `${l}\n`), error: (l) => (stderr += `${l}\n`) });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), "emerge-sweep-cli-"));
const spec = join(dir, "spec.json");
writeFileSync(spec, JSON.stringify({ grid: { a: [1, 2, 3] }, seeds: { count: 2000 } }));
const cwd = process.cwd();
const redisUrl = process.env.REDIS_URL;
beforeAll(() => {
  // Fuzzed --out values are relative paths: keep whatever they create inside a temp directory.
  process.chdir(dir);
  delete process.env.REDIS_URL;
});
afterAll(() => {
  process.chdir(cwd);
  if (redisUrl !== undefined) process.env.REDIS_URL = redisUrl;
});

describe("#16: emerge-sweep follows the CLI conventions", () => {
  it("--version prints only the version; --help prints the help once; no command is a usage error", async () => {
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: "" });
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout.match(/Usage: emerge-sweep/g)).toHaveLength(1);
    expect((await cli(["run", "--help"])).stdout).toMatch(/--concurrency <n>/);
    expect((await cli([])).code).toBe(2);
  });

  it("usage errors exit 2 with one line; typed errors exit 1 with CODE; the stack only with --debug", async () => {
    for (const argv of [
      ["run"],
      ["run", spec, "--bogus"],
      ["run", spec, "--concurrency", "0"],
      ["run", spec, "--attempts", "1e3"],
      ["run", spec, "--stride", "2"],
      ["frobnicate"],
      ["status"],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^emerge-sweep: error: [^\n]+\n$/);
    }
    const missing = await cli(["expand", "nope.json"]);
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toMatch(/^emerge-sweep: INVALID_SPEC: cannot read nope\.json[^\n]*\n$/);
    const debug = await cli(["expand", "nope.json", "--debug"]);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("expand --json is accepted; status without Redis is a usage error naming the flag", async () => {
    const r = await cli(["expand", spec, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(6000);
  });

  it("run --json and collect --json print one JSON line on stdout; the progress lines stay on stderr", async () => {
    const small = join(dir, "small.json");
    writeFileSync(small, JSON.stringify({ base: { steps: 50 }, grid: { a: [1, 2] } }));
    const run = await cli([
      "run",
      small,
      "--job",
      FIXTURE_JOB,
      "--out",
      join(dir, "o"),
      "--concurrency",
      "1",
      "--json",
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ran: 2, skipped: 0, failed: [], collected: { collected: 2, missing: 0 } });
    expect(run.stderr).toMatch(/done .* #1/);
    const collected = await cli([
      "collect",
      "--results",
      join(dir, "o"),
      "--out",
      join(dir, "t"),
      "--spec",
      small,
      "--json",
      "--quiet",
    ]);
    expect(collected.code).toBe(0);
    expect(JSON.parse(collected.stdout)).toMatchObject({ collected: 2, missing: 0 });
    expect(collected.stderr).toBe("");
  });

  it("`expand | head -1` ends quietly with 0, and stdout on /dev/full is one line and exit 1", async () => {
    const bundle = await cliBundle();
    const piped = spawn(process.execPath, [bundle, "expand", spec], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    piped.stderr?.on("data", (d) => (stderr += d));
    piped.stdout?.once("data", () => piped.stdout?.destroy());
    const code = await new Promise((resolve) => piped.on("close", resolve));
    expect([code, stderr]).toEqual([0, ""]);
    const full = spawn(process.execPath, [bundle, "expand", spec], {
      stdio: ["ignore", openSync("/dev/full", "w"), "pipe"],
    });
    let fullErr = "";
    full.stderr?.on("data", (d) => (fullErr += d));
    const fullCode = await new Promise((resolve) => full.on("close", resolve));
    expect([fullCode, fullErr]).toEqual([1, "emerge-sweep: IO_ERROR: cannot write to stdout: ENOSPC\n"]);
  }, 30_000);

  it("fuzz: any argv exits 0, 1 or 2 with at most one line on stderr and never a stack", async () => {
    const token = fc.oneof(
      fc.constantFrom("expand", "run", "submit", "worker", "status", "collect", "help", "bogus"),
      fc.constantFrom(
        "--out",
        "--results",
        "--spec",
        "--job",
        "--concurrency",
        "--attempts",
        "--backoff-ms",
        "--index",
        "--stride",
        "--name",
        "--prefix",
        "--work-dir",
        "--exit-when-drained",
        "--lock-ms",
        "--stalled-ms",
        "--timeout-ms",
        "--json",
        "--quiet",
        "--help",
        "-h",
        "--version",
        "-V",
        "--bogus",
        "--",
        "-x",
      ),
      fc.constantFrom(spec, "missing.json", "-1", "0", "1", "257", "1e9", "env", "", "NaN", "a#b", "out"),
      fc.string({ maxLength: 6 }),
    );
    const tally = { runs: 0, exit0: 0, exit1: 0, exit2: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 7 }), async (argv) => {
        // Jobs would really run (and Redis be dialled): this fuzz is about parsing, so leave out
        // the argv that would start work; everything before the work is still parsed and checked.
        if (argv[0] === "run" && argv.includes(spec) && !argv.includes("--help") && !argv.includes("-h"))
          return;
        const r = await cli(argv);
        tally.runs++;
        tally[`exit${r.code}` as "exit0"]++;
        expect([0, 1, 2]).toContain(r.code);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        if (r.code !== 0) expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      }),
      { numRuns: 1500, seed: 16 },
    );
    console.log(`sweep argv fuzz: ${JSON.stringify(tally)}`);
  }, 120_000);
});
