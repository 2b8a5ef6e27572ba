import type { JobContext } from "@emerge/sweep";
import { type AdditionMemberConfig, trainAdditionMember } from "./train-addition.js";
import { type IclMemberConfig, trainIclMember } from "./train-icl.js";

/** A member of any lab family: the sweep config of one training run. */
export type LabMemberConfig = AdditionMemberConfig | IclMemberConfig;

/**
 * The lab's sweep job (`@emerge/sweep` runs it in a child process, locally or on a BullMQ worker): train
 * one member and return its scores. The result is a pure function of the config, so the config hash
 * is a valid cache key.
 *
 * @example
 * ```ts
 * await runLocal(jobs, { module: fileURLToPath(new URL("./job.ts", import.meta.url)) }, { store });
 * ```
 */
export default async function labJob(
  config: unknown,
  ctx?: Pick<JobContext, "onProgress">,
): Promise<unknown> {
  const c = config as LabMemberConfig;
  const onProgress = (step: number, total: number) => ctx?.onProgress({ step, total });
  if (c.task === "addition") return trainAdditionMember(c, onProgress);
  if (c.task === "icl") return trainIclMember(c, onProgress);
  throw new RangeError(`unknown lab task ${JSON.stringify((c as { task?: unknown }).task)}`);
}
