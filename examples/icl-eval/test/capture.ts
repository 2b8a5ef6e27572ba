import type { Console } from "../src/cli.js";

/** A {@link Console} that records what the CLI writes. */
export function capture(): { io: Console; text: { out: string; err: string } } {
  const text = { out: "", err: "" };
  const io: Console = {
    out(t) {
      text.out += t;
    },
    err(t) {
      text.err += t;
    },
  };
  return { io, text };
}
