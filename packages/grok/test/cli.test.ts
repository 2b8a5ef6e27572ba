import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CliIo, main } from "../src/cli/main.js";
import { GrokError, type TrainResult } from "../src/index.js";
import { trainToDirectory } from "../src/node/index.js";

/** An in-process CLI: output captured, training faked (the parser is what is under test). */
function fakeIo(onTrain?: (input: unknown, dir: string, options: Record<string, unknown>) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stderrIsTTY: false,
    openBackend: async (name) => {
      if (name === "gpu") throw new GrokError("UNKNOWN_BACKEND", "no gpu in this test");
      return { description: "fake", dispose: () => {} } as never;
    },
    trainToDirectory: async (input, dir, options) => {
      onTrain?.(input, dir, options as Record<string, unknown>);
      return {
        config: {} as TrainResult["config"],
        metrics: [],
        summary: {
          memorizationStep: 1,
          generalizationStep: 2,
          generalization95Step: 2,
          plateauSteps: 1,
          steps: 3,
          wallS: 1,
          stepsPerS: 3,
          backend: "fake",
          final: { trainAcc: 1, testAcc: 1, trainLoss: 0, testLoss: 0 },
        },
      };
    },
  };
  return { io, out, err };
}

const pkg = fileURLToPath(new URL("..", import.meta.url));
const cliTs = join(pkg, "src/cli.ts");
const node = (args: string[], stdio?: Parameters<typeof spawnSync>[2]) =>
  spawnSync(process.execPath, ["--import", "tsx", "--conditions", "@emerge/source", cliTs, ...args], {
    encoding: "utf8",
    cwd: pkg,
    ...stdio,
  });

describe("emerge-grok argument parsing", () => {
  it("follows the conventions: --version, usage errors exit 2 with one line, --stop-after -1", async () => {
    const run = async (argv: string[]) => {
      const f = fakeIo();
      const status = await main(argv, f.io);
      return { status, out: f.out.join(""), err: f.err.join("") };
    };
    expect(await run(["--version"])).toEqual({ status: 0, out: "0.1.0\n", err: "" });
    expect((await run(["--help"])).out).toMatch(/^Usage: emerge-grok/);
    expect((await run(["train", "--help"])).out).toMatch(/--threads <n>\s+CPU threads, 1 to 256/);
    expect(await run([])).toMatchObject({
      status: 2,
      err: "emerge-grok: error: missing command (train); see emerge-grok --help\n",
    });
    expect(await run(["train", "--out", "d", "--bogus"])).toMatchObject({
      status: 2,
      err: "emerge-grok: error: unknown option '--bogus'\n",
    });
    expect(await run(["sweep", "--out", "d"])).toMatchObject({
      status: 2,
      err: "emerge-grok: error: unknown command 'sweep'\n",
    });
    expect(await run(["train", "--out", "d", "--threads", "1000"])).toMatchObject({ status: 2 });
    expect(await run(["train", "--out", "d", "--p", "1e9"])).toMatchObject({
      status: 2,
      err: "emerge-grok: error: p must be an integer in [2, 1000], got 1000000000 (--p)\n",
    });
    // the help writes "--stop-after -1": it was rejected as an unknown option before
    const plan = await run(["train", "--out", "d", "--stop-after", "-1", "--dry-run", "--json"]);
    expect(plan.status).toBe(0);
    expect(JSON.parse(plan.out).config.stopAfterGeneralization).toBeNull();
    expect((await run(["train", "--out", "d", "--backend", "gpu"])).err).toBe(
      "emerge-grok: UNKNOWN_BACKEND: no gpu in this test\n",
    );
  });

  it("says on stderr when the gpu backend is emulated (gpu.js without WebGL runs on the CPU)", async () => {
    const f = fakeIo();
    f.io.openBackend = async () =>
      ({
        name: "gpu",
        emulated: true,
        description: "gpu emulated: gpu.js webasm fallback (float32 host arrays)",
        dispose: () => {},
      }) as never;
    expect(await main(["train", "--out", "d", "--backend", "gpu", "--quiet"], f.io)).toBe(0);
    expect(f.err.join("")).toMatch(
      /^emerge-grok: warning: the gpu backend is emulated here \(gpu emulated: gpu\.js webasm/,
    );
  });

  it("an abort is exit 130 after SIGINT and 143 after SIGTERM, one line on stderr", async () => {
    for (const [reason, status] of [
      ["SIGINT", 130],
      ["SIGTERM", 143],
    ] as const) {
      const controller = new AbortController();
      const f = fakeIo(() => {
        controller.abort(reason);
        throw new GrokError("ABORTED", "training aborted at step 7");
      });
      expect(await main(["train", "--out", "d", "--quiet"], { ...f.io, signal: controller.signal })).toBe(
        status,
      );
      expect(f.err.join("")).toBe("emerge-grok: ABORTED: training aborted at step 7\n");
    }
  });

  it("passes only the flags given with --resume (the run directory checks them against the stored run)", async () => {
    let seen: unknown;
    const f = fakeIo((input) => {
      seen = input;
    });
    expect(
      await main(["train", "--out", "d", "--resume", "--p", "31", "--steps", "900", "--json"], f.io),
    ).toBe(0);
    expect(seen).toEqual({ p: 31, steps: 900 });
    expect(JSON.parse(f.out.join("")).summary.steps).toBe(3);
  });

  it("fuzz: any argument list exits 0, 1 or 2 with at most one line on stderr and never a stack", async () => {
    const flags = [
      "--out",
      "--op",
      "--p",
      "--frac",
      "--seed",
      "--steps",
      "--model",
      "--width",
      "--depth",
      "--activation",
      "--bias",
      "--no-bias",
      "--layers",
      "--d-model",
      "--heads",
      "--d-mlp",
      "--lr",
      "--wd",
      "--beta1",
      "--beta2",
      "--eps",
      "--warmup",
      "--loss",
      "--batch",
      "--eval-every",
      "--checkpoint-every",
      "--stop-after",
      "--config-json",
      "--backend",
      "--threads",
      "--keep-checkpoints",
      "--resume",
      "--force",
      "--json",
      "--progress",
      "--quiet",
      "--help",
      "--version",
      "-V",
      "-h",
      "--",
      "-",
      "--debug",
    ];
    const values = fc.oneof(
      fc.constantFrom(
        "0",
        "-1",
        "-2",
        "1",
        "97",
        "0.3",
        "1e9",
        "NaN",
        "Infinity",
        "full",
        "mlp",
        "transformer",
        "add",
        "x2+y2",
        "cpu",
        "gpu",
        "tpu",
        "",
        " ",
        "{}",
        '{"optimizer":{"lrr":1}}',
        "[1]",
        "null",
        '{"p":1e400}',
        "__proto__",
        "constructor",
        "-1e-300",
        "0x10",
      ),
      fc.string({ maxLength: 12 }),
      fc.integer().map(String),
      fc.double().map(String),
    );
    const token = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...flags) },
      { weight: 3, arbitrary: values },
      fc.constantFrom(...flags).chain((f) => values.map((v) => `${f}=${v}`)),
    );
    const argv = fc
      .tuple(
        fc.constantFrom("train", "train", "train", "sweep", "help", "--version", ""),
        fc.array(token, { maxLength: 10 }),
      )
      .map(([cmd, rest]) => (cmd === "" ? rest : [cmd, "--dry-run", ...rest]));
    let tried = 0;
    const byStatus: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        tried++;
        const f = fakeIo();
        const status = await main(args, f.io);
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        expect([0, 1, 2]).toContain(status);
        const err = f.err.join("");
        if (status !== 0) {
          expect(err).toMatch(/^emerge-grok: [^\n]+\n$/);
          if (!args.includes("--debug")) expect(err).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 3000, seed: 16 },
    );
    console.log(
      `cli fuzz: ${tried} argument lists; exit status counts ${JSON.stringify(byStatus)}; 0 failures`,
    );
  });
});

describe("emerge-grok as a process", () => {
  it("EPIPE on stdout ends quietly with 0; a full stdout (/dev/full) is one line and exit 1", async () => {
    // the consumer closes the pipe before the CLI writes (`emerge-grok … | head -0`)
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions", "@emerge/source", cliTs, "train", "--out", "d", "--dry-run"],
      { cwd: pkg, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.destroy();
    let err = "";
    child.stderr.on("data", (d) => {
      err += String(d);
    });
    const status = await new Promise((r) => child.on("close", r));
    expect({ status, err }).toEqual({ status: 0, err: "" });
    if (existsSync("/dev/full")) {
      const full = openSync("/dev/full", "w");
      const r = node(["train", "--out", "d", "--dry-run"], { stdio: ["ignore", full, "pipe"] });
      closeSync(full);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("emerge-grok: WRITE_FAILED: cannot write to stdout: ENOSPC\n");
    }
  });

  it("a runtime error is one typed line; --debug adds the stack", async () => {
    const dir = mkdtempSync(join(tmpdir(), "grok-cli-"));
    await trainToDirectory({ p: 7, steps: 2, model: { width: 8 } }, dir);
    const again = node(["train", "--out", dir, "--p", "29", "--steps", "5"]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^emerge-grok: RUN_EXISTS: [^\n]+\n$/);
    const debug = node(["train", "--out", dir, "--p", "29", "--steps", "5", "--debug"]);
    expect(debug.stderr).toMatch(/RUN_EXISTS[^\n]+\n\s*GrokError[^\n]*\n\s+at /);
    const conflict = node(["train", "--out", dir, "--resume", "--p", "31", "--steps", "900"]);
    expect(conflict.status).toBe(1);
    expect(conflict.stderr).toMatch(
      /^emerge-grok: RESUME_CONFLICT: cannot resume .* different p \(stored 7, given 31\)/,
    );
  });
});
