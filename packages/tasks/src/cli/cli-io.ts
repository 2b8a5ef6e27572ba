/** Where a CLI run writes: stdout for results, stderr for messages and progress. */
export interface CliIo {
  /** Write a result to stdout (text as is, no newline added). */
  out(text: string): void;
  /** Write a message or progress to stderr (text as is). */
  err(text: string): void;
  /** Whether stderr is a terminal: progress bars are drawn only then, unless `--progress`. */
  readonly errIsTTY: boolean;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    out: (text) => {
      process.stdout.write(text);
    },
    err: (text) => {
      process.stderr.write(text);
    },
    errIsTTY: process.stderr.isTTY === true,
  };
}

/**
 * Make write failures on stdout end the process the conventional way: EPIPE (the reader closed the
 * pipe, as in `emerge-tasks generate … | head -1`) exits 0 quietly — nothing is wrong — and any other
 * write error (ENOSPC on `> /dev/full`) prints one line on stderr and exits 1. Without this, Node
 * prints an unhandled 'error' event with a stack trace.
 */
export function guardStdout(bin: string): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    try {
      process.stderr.write(`${bin}: IO_ERROR: cannot write to stdout: ${error.code ?? error.message}\n`);
    } finally {
      process.exit(1);
    }
  });
}
