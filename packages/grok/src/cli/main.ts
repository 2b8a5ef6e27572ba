import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { Backend } from "../backends/backend.js";
import { maxThreads } from "../backends/cpu/cpu-backend.js";
import { configLimits, type GrokConfigInput, resolveConfig } from "../config.js";
import { GrokError } from "../errors.js";
import { maxKeepCheckpoints, type trainToDirectory } from "../node/run-directory.js";
import { summaryFile } from "../node/run-files.js";
import type { EvalRecord } from "../training/types.js";
import { version } from "../version.js";
import {
  batch,
  boundedInteger,
  clip,
  configFromFlags,
  flagForMessage,
  keepCheckpoints,
  number,
  seqLen,
  stopAfter,
  type TrainFlags,
} from "./config-from-flags.js";

/** Where the CLI reads and writes, and what it trains with: the real process, or a test's fakes. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress is drawn only there unless `--progress`). */
  stderrIsTTY: boolean;
  trainToDirectory: typeof trainToDirectory;
  /** Open the backend a run asked for (`threads` only for "cpu"). */
  openBackend(name: string, threads: number | undefined): Promise<Backend>;
  /** Aborted on SIGINT (reason "SIGINT", exit 130) or SIGTERM (reason "SIGTERM", exit 143). */
  signal?: AbortSignal;
}

const bin = "emerge-grok";

/** A usage error: exit 2, one line. */
class UsageError extends Error {}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ").trim();

function progressLine(step: number, total: number, last: EvalRecord | undefined, rate: number): string {
  const width = 28;
  const filled = Math.round((Math.min(step, total) / Math.max(1, total)) * width);
  const acc = last
    ? `train ${(100 * last.trainAcc).toFixed(1)}%  test ${(100 * last.testAcc).toFixed(1)}%  loss ${last.trainLoss.toExponential(2)}`
    : "";
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${step}/${total}  ${acc}  ${rate.toFixed(0)} steps/s`;
}

async function trainCommand(flags: TrainFlags, io: CliIo): Promise<void> {
  const out = flags.out as string;
  const input: GrokConfigInput = configFromFlags(flags);
  let total: number;
  try {
    // a fresh run: the full config; a resume: only the settings to change (checked against the stored run)
    total = flags.resume ? (input.steps ?? Number.NaN) : resolveConfig(input).steps;
  } catch (e) {
    if (e instanceof GrokError && e.code === "INVALID_CONFIG") {
      const flag = flagForMessage(e.message);
      throw new UsageError(`${e.message}${flag ? ` (${flag})` : ""}`);
    }
    throw e;
  }
  if (flags.dryRun) {
    const plan = {
      dir: out,
      resume: Boolean(flags.resume),
      config: flags.resume ? input : resolveConfig(input),
    };
    io.stdout(flags.json ? `${JSON.stringify(plan)}\n` : `${JSON.stringify(plan, null, 2)}\n`);
    return;
  }
  const backend = await io.openBackend(
    (flags.backend as string | undefined) ?? "cpu",
    flags.threads as number | undefined,
  );
  try {
    if ((backend as { emulated?: boolean }).emulated === true)
      io.stderr(
        `${bin}: warning: the gpu backend is emulated here (${backend.description}): gpu.js found no WebGL/headless-gl, so it runs on the CPU at CPU speed\n`,
      );
    const tty = io.stderrIsTTY;
    const showProgress = !flags.quiet && (tty || Boolean(flags.progress));
    let last: EvalRecord | undefined;
    let lastDraw = 0;
    let evals = 0;
    let startedAt = 0;
    let from = 0;
    const rate = (step: number) => (step - from) / Math.max(1e-9, (performance.now() - startedAt) / 1000);
    const result = await io.trainToDirectory(input, out, {
      resume: Boolean(flags.resume),
      force: Boolean(flags.force),
      backend,
      ...(flags.keepCheckpoints === undefined ? {} : { keepCheckpoints: flags.keepCheckpoints as number }),
      ...(io.signal ? { signal: io.signal } : {}),
      onWarning: (message) => io.stderr(`${bin}: warning: ${oneLine(message)}\n`),
      onEval: (r) => {
        last = r;
        evals++;
        if (showProgress && !tty && evals % 50 === 0)
          io.stderr(`${progressLine(r.step, Number.isNaN(total) ? r.step : total, r, rate(r.step))}\n`);
      },
      onStep: (step) => {
        if (startedAt === 0) {
          startedAt = performance.now();
          from = step - 1;
        }
        const now = performance.now();
        if (showProgress && tty && now - lastDraw > 100) {
          lastDraw = now;
          io.stderr(`\r${progressLine(step, Number.isNaN(total) ? step : total, last, rate(step))}`);
        }
      },
    });
    if (showProgress && tty) io.stderr("\n");
    const s = result.summary;
    if (flags.json) {
      io.stdout(`${JSON.stringify({ dir: out, summary: summaryFile(s) })}\n`);
    } else {
      io.stdout(
        `memorization step ${s.memorizationStep ?? "—"}, generalization step ${s.generalizationStep ?? "—"} ` +
          `(95%: ${s.generalization95Step ?? "—"}), ${s.steps} steps in ${s.wallS.toFixed(1)} s ` +
          `(${s.stepsPerS.toFixed(1)} steps/s, ${s.backend}); final train ${(100 * s.final.trainAcc).toFixed(1)}%, ` +
          `test ${(100 * s.final.testAcc).toFixed(1)}% → ${out}/summary.json\n`,
      );
    }
  } finally {
    backend.dispose();
  }
}

function program(io: CliIo): Command {
  const L = configLimits;
  const root = new Command(bin)
    .description("Train small networks on modular arithmetic until they grok.")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: () => {}, outputError: () => {} })
    .addHelpText(
      "after",
      `
Exit status: 0 ok, 1 runtime error (one line "${bin}: CODE: message"; --debug adds the stack),
2 usage error (one line "${bin}: error: ..."), 130 interrupted.
Sweeps: use @emerge/sweep (emerge-sweep), whose grok job trains each point with this package.`,
    );
  const int = (label: string, max: number) => `${label} (≤ ${max})`;
  root
    .command("train")
    .description("train one run into DIR: config.json, metrics.jsonl, checkpoints/, summary.json")
    .requiredOption("--out <dir>", "run directory (owned by this run; see --resume, --force)")
    .option(
      "--op <op>",
      "operation: add | sub | div | mixed | x2+y2 | … | s5 | s5-conj | s5-xyx (default: add)",
    )
    .option("--p <n>", int("modulus (default: 97)", L.p), number)
    .option("--frac <f>", "train fraction in (0, 1) (default: 0.3)", number)
    .option("--seed <n>", "seed of split, init and batches (default: 0)", number)
    .option("--steps <n>", int("maximum steps (default: 5000)", L.steps), number)
    .option("--model <kind>", "mlp | transformer | decoder (default: mlp)")
    .option("--width <n>", int("MLP hidden units (default: 512)", L.width), number)
    .option("--depth <n>", int("MLP hidden layers (default: 1)", L.depth), number)
    .option("--activation <a>", "MLP activation: quadratic | relu | gelu (default: quadratic)")
    .option("--bias", "MLP layers with biases")
    .option("--no-bias", "MLP layers without biases (default)")
    .option("--layers <n>", int("transformer blocks (default: 1)", L.layers), number)
    .option("--d-model <n>", int("transformer width (default: 128)", L.dModel), number)
    .option("--heads <n>", int("attention heads, dividing --d-model (default: 4)", L.heads), number)
    .option("--d-mlp <n>", int("transformer MLP units (default: 512)", L.dMlp), number)
    .option("--tied", "decoder: unembed with the token embedding's transpose")
    .option("--no-tied", "decoder: a separate unembedding matrix (default)")
    .option(
      "--task <family>",
      "decoder: an @emerge/tasks family, e.g. arithmetic (default: arithmetic); --op and --digits are its options",
    )
    .option("--digits <n>", "decoder task: digits per operand (arithmetic: default 3)", number)
    .option("--task-options <json>", "decoder task: the family's options as JSON")
    .option(
      "--format <f>",
      'decoder task: compact ("098+045=", operands zero-padded) | text (the family\'s prompt) (default: compact)',
    )
    .option("--reverse", "decoder task: answers written least-significant digit first (default)")
    .option("--no-reverse", "decoder task: answers in natural order")
    .option(
      "--train-size <n>",
      int("decoder task: distinct training problems (default: 20000)", 1_000_000),
      number,
    )
    .option("--test-size <n>", int("decoder task: held-out problems (default: 1000)", 100_000), number)
    .option(
      "--eval-train-size <n>",
      int("decoder task: training problems scored per evaluation (default: 1000)", 100_000),
      number,
    )
    .option(
      "--seq-len <n|auto>",
      "decoder task: tokens per sequence (default: auto, the longest problem)",
      seqLen,
    )
    .option("--lr <x>", "AdamW learning rate (default: 3e-3)", number)
    .option("--wd <x>", "AdamW weight decay (default: 1)", number)
    .option("--beta1 <x>", "AdamW beta1 (default: 0.9)", number)
    .option("--beta2 <x>", "AdamW beta2 (default: 0.98)", number)
    .option("--eps <x>", "AdamW epsilon (default: 1e-8)", number)
    .option("--warmup <n>", int("linear warm-up steps (default: 0; decoder 100)", L.warmupSteps), number)
    .option(
      "--schedule <s>",
      "learning rate after warm-up: constant | cosine (default: constant; decoder cosine)",
    )
    .option("--min-lr <x>", "floor of the cosine schedule (default: 0; decoder 1e-4)", number)
    .option("--clip <x|none>", "clip the global gradient norm (default: none; decoder 1)", clip)
    .option("--loss <loss>", "cross-entropy | mse (default: cross-entropy)")
    .option("--batch <n|full>", int("batch size or full (default: full)", L.batchSize), batch)
    .option("--eval-every <n>", int("steps between evaluations (default: 10)", L.evalEvery), number)
    .option(
      "--checkpoint-every <n>",
      int("steps between checkpoints (default: 500)", L.checkpointEvery),
      number,
    )
    .option(
      "--stop-after <n>",
      "stop N steps after test accuracy ≥ 99% (default: 100; -1 = run all steps)",
      stopAfter,
    )
    .option("--config-json <json>", "a config as JSON; the flags above are laid over it")
    .addOption(new Option("--backend <name>", "backend").choices(["cpu", "gpu"]).default(undefined))
    .option(
      "--threads <n>",
      `CPU threads, 1 to ${maxThreads} (default: cores, at most 4)`,
      boundedInteger(1, maxThreads),
    )
    .option(
      "--keep-checkpoints <n>",
      `checkpoint files kept, 1 to ${maxKeepCheckpoints} (default: 3)`,
      keepCheckpoints,
    )
    .addOption(
      new Option(
        "--resume",
        "continue DIR from its newest verified checkpoint; only --steps, --stop-after and --checkpoint-every may differ from the stored run (other differing flags are refused)",
      ).conflicts("force"),
    )
    .option("--force", "replace another run's files in DIR")
    .option("--dry-run", "validate the flags and print the resolved config; train nothing")
    .option("--json", "print the result as one JSON line")
    .addOption(
      new Option("--progress", "draw progress even when stderr is not a terminal").conflicts("quiet"),
    )
    .option("--quiet", "no progress output")
    .option("--debug", "print stack traces of errors")
    .action((flags: TrainFlags) => trainCommand(flags, io));
  return root;
}

/**
 * Run `emerge-grok` with `argv` (without node and the script): returns the exit status (0 ok, 1
 * runtime error, 2 usage error, 130 interrupted). Every failure is one line on stderr.
 *
 * @example
 * ```ts
 * const status = await main(["train", "--out", "runs/demo", "--dry-run"], io);
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    if (argv.length === 0) throw new UsageError(`missing command (train); see ${bin} --help`);
    await program(io).parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      if (e.code === "commander.help" || e.code === "commander.helpDisplayed")
        io.stderr(`${bin}: error: missing command (train); see ${bin} --help\n`);
      else io.stderr(`${bin}: error: ${oneLine(e.message.replace(/^error: /, ""))}\n`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof InvalidArgumentError) {
      io.stderr(`${bin}: error: ${oneLine(e.message)}\n`);
      return 2;
    }
    if (e instanceof GrokError) {
      io.stderr(`${bin}: ${e.code}: ${oneLine(e.message)}\n`);
      if (debug && e.stack) io.stderr(`${e.stack}\n`);
      if (e.code !== "ABORTED") return 1;
      return io.signal?.reason === "SIGTERM" ? 143 : 130; // 128 + the signal's number, as shells report it
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(
      `${bin}: INTERNAL: ${oneLine(err.message)}${debug ? "" : " (run with --debug for the stack)"}\n`,
    );
    if (debug && err.stack) io.stderr(`${err.stack}\n`);
    return 1;
  }
}
