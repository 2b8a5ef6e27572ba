import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PlotError } from "@emerge/plot";

/**
 * Writes a file so that readers see the old content or the new, never a torn one: the bytes go to a
 * temporary file in the same folder, the count written is checked (a full disk can write short), the
 * file is fsynced, renamed over the target, and the folder is fsynced so the rename survives a crash.
 *
 * @example
 * ```ts
 * await writeFileAtomic("figures/scaling.svg", svg);
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const file = await open(temp, "wx");
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
      if (bytesWritten <= 0) {
        throw new PlotError("RENDER_FAILED", `short write to ${temp}: ${offset} of ${bytes.length} bytes`);
      }
      offset += bytesWritten;
    }
    await file.sync();
  } catch (error) {
    await file.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const folder = await open(dir, "r");
  try {
    await folder.sync();
  } catch {
    // Some filesystems (and Windows) refuse fsync on a directory; the rename itself is done.
  } finally {
    await folder.close();
  }
}
