export {
  type PhaseDiagramOptions,
  type PhaseDiagramResult,
  phaseRun,
  runPhaseDiagram,
} from "./phase-diagram.js";
export { type PhaseGrid, type PhaseRun, phaseGrid, phaseTable } from "./phase-grid.js";
