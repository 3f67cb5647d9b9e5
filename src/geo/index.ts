/** Geography: points on the Earth, great-circle distances, where ASes are and whom they serve. */
export { EARTH_RADIUS_KM, greatCircleKm, isLatLon, type LatLon } from './lat-lon.js';
export { egressKm, type AsGeography, type LocationSource } from './as-geography.js';
export { AsGeographyTable, nearestPoint, type AsPlace } from './as-geography-table.js';
export { kmOfDot, SiteIndex, writeUnitVector } from './site-index.js';
export { adoptWorldCities, CityTable, loadedWorldCities, worldCities, type City, type DecodedCities } from './world-cities.js';
export { GeographyCsvError, MAX_GEOGRAPHY_CSV_LINES, parseGeographyCsv, type GeographyRow } from './geography-csv.js';
export { FIBRE_KM_PER_MS, FIBRE_ROUTE_INFLATION, LIGHT_KM_PER_MS, pathKm, rttMsAlong, rttMsOfKm } from './rtt-model.js';
export { CITY_SETS, POPULATION_CITY_SET } from './city-sets.js';
