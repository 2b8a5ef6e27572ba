import { openSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exited, spawnCli } from "./helpers/cli.js";

describe("#17.6: stdout failures end the CLI the conventional way", () => {
  it("a closed pipe (`… | head -1`) ends it quietly with exit 0, no stack", async () => {
    const child = spawnCli(["generate", "arithmetic", "--n", "50000"]);
    child.stdout?.once("data", () => child.stdout?.destroy());
    const { code, stderr } = await exited(child);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 30_000);

  it("stdout on a full disk (/dev/full) is one typed line on stderr and exit 1, no stack", async () => {
    const child = spawnCli(
      ["generate", "arithmetic", "--n", "1000"],
      ["ignore", openSync("/dev/full", "w"), "pipe"],
    );
    const { code, stderr } = await exited(child);
    expect(stderr).toBe("emerge-tasks: IO_ERROR: cannot write to stdout: ENOSPC\n");
    expect(code).toBe(1);
  }, 30_000);
});
