/** Geography: points on the Earth, great-circle distances, where ASes are and whom they serve. */
export { EARTH_RADIUS_KM, greatCircleKm, isLatLon, type LatLon } from './lat-lon.js';
export { egressKm, type AsGeography, type LocationSource } from './as-geography.js';
