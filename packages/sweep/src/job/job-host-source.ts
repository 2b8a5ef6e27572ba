/**
 * The program a child process runs to host job functions: plain JavaScript (so it runs without a
 * build step or TypeScript loader), ESM, one job at a time, talking to its parent over IPC. It exits
 * when its parent goes away, so a SIGKILLed worker leaves no orphan writing into a checkpoint directory
 * that the retry on another worker now owns.
 */
export const JOB_HOST_SOURCE = `
const modules = new Map();
const running = new Map();
function load(spec, name) {
  const key = spec + "#" + (name || "");
  if (!modules.has(key)) {
    modules.set(key, import(spec).then((mod) => {
      const fn = name ? (mod[name] ?? mod.default?.[name]) : (typeof mod.default === "function" ? mod.default : (mod.job ?? mod.default?.job));
      if (typeof fn !== "function") {
        const error = new Error(spec + " does not export a job function" + (name ? ' named "' + name + '"' : " as default or job"));
        error.code = "JOB_MODULE";
        throw error;
      }
      return fn;
    }));
  }
  return modules.get(key);
}
function info(e) {
  return { name: e?.name ?? "Error", message: e?.message ?? String(e), code: typeof e?.code === "string" ? e.code : undefined, stack: e?.stack };
}
process.on("message", async (msg) => {
  if (msg.type === "abort") { running.get(msg.runId)?.abort(); return; }
  if (msg.type !== "run") return;
  const controller = new AbortController();
  running.set(msg.runId, controller);
  try {
    const fn = await load(msg.module, msg.exportName);
    const ctx = {
      id: msg.id, checkpointDir: msg.checkpointDir, attempt: msg.attempt, signal: controller.signal,
      onProgress: (progress) => process.send({ type: "progress", runId: msg.runId, progress }),
    };
    const result = await fn(msg.config, ctx);
    process.send({ type: "done", runId: msg.runId, result: result === undefined ? null : result });
  } catch (e) {
    process.send({ type: "error", runId: msg.runId, error: info(e) });
  } finally {
    running.delete(msg.runId);
  }
});
process.on("disconnect", () => process.exit(0));
process.send({ type: "ready" });
`;
