import type { BackendInfo } from "../protocol.js";
import type { WorkerErrorMessage } from "../worker-error.js";
import type { LabMember } from "./member.js";
import type { LabSettings } from "./settings.js";

/** Page → worker: train this family, smallest member first. */
export interface LabStartMessage {
  readonly type: "start";
  readonly settings: LabSettings;
}

/**
 * Worker → page, in order: the backend, then for each member its progress and the member itself,
 * then done (or error at any point). A second `backend` message means a fallback to the CPU: the
 * member in training is trained again there.
 */
export type LabWorkerMessage =
  | { readonly type: "backend"; readonly info: BackendInfo }
  | {
      readonly type: "progress";
      readonly width: number;
      /** 0-based index of the member in training. */
      readonly index: number;
      readonly step: number;
      readonly total: number;
    }
  | { readonly type: "member"; readonly member: LabMember }
  | { readonly type: "done" }
  | WorkerErrorMessage;
