import type { AdditionMemberResult } from "@emerge/example-lab/train";

/** Page → worker: train this family, smallest member first. */
export interface LabStartMessage {
  readonly type: "start";
  readonly widths: readonly number[];
  readonly digits: number;
  readonly steps: number;
  readonly batch: number;
  readonly seed: number;
}

/** One finished member: its width, scores and training time. */
export interface LabMember {
  readonly width: number;
  readonly result: AdditionMemberResult;
  readonly seconds: number;
}

/** Worker → page: progress of the member in training, each finished member, then done or error. */
export type LabWorkerMessage =
  | { readonly type: "progress"; readonly width: number; readonly step: number; readonly total: number }
  | { readonly type: "member"; readonly member: LabMember }
  | { readonly type: "done" }
  | { readonly type: "error"; readonly message: string };
