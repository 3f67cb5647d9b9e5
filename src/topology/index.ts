/**
 * The topology layer's only door: the AS graph, its loaders and generators, and anycast
 * deployments on it.
 */
export {
  AsGraph,
  buildAsGraph,
  buildAsGraphReportingDuplicates,
  MAX_AS_COUNT,
  MAX_ASN,
  MAX_LINK_COUNT,
  Relationship,
  type AsGraphBuild,
  type AsLinkColumns,
  type DuplicateLink,
} from './as-graph.js';
export { formatAsRel, loadAsRelFile, MAX_AS_REL_BYTES, parseAsRel, type AsRelOptions, type AsRelSkip } from './as-rel.js';
export { decompressBzip2, isBzip2, MAX_BZIP2_OUTPUT_BYTES } from './bzip2.js';
export { decompressByContent, detectCompression, type Compression } from './compressed-input.js';
export {
  generateSyntheticTopology,
  isReservedAsn,
  SYNTHETIC_MAX_ASES,
  SYNTHETIC_MIN_ASES,
  type SyntheticTopologyOptions,
} from './synthetic-topology.js';
export {
  MAX_POP_SITES,
  MAX_PREPEND,
  validateDeployment,
  type AnycastDeployment,
  type PopSite,
} from './anycast-deployment.js';
export { TopologyError } from './topology-error.js';
export { drawPopCities, placePopsInCities, type PopCity } from './pop-placement.js';
export { buildAsGeography, MAX_POINTS_PER_AS, type AsGeographyBuild, type AsGeographyInput } from './as-geography-builder.js';
