/** Load: PoP capacities, offered legitimate and attack load per PoP over time, and overload drops. */
export { attackShares, type AttackLoad, type AttackSource } from './attack-load.js';
export { drawAttackSources } from './attack-sources.js';
export { dropFraction, refusalFraction, type PopCapacity } from './capacity.js';
export { binCount, legitimateDemand, type LegitimateDemand, type ProtocolDemand } from './legitimate-demand.js';
export {
  computePopLoad,
  defaultLoadBinMs,
  LOAD_BIN_MS,
  LOAD_CELLS_MAX,
  PopLoad,
  type ClientWeights,
  type LoadFlow,
  type LoadThreshold,
  type PopLoadInput,
  type RateUnit,
  type TrafficKind,
} from './pop-load.js';
