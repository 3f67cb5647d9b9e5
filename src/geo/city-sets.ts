/**
 * Named sets of PoP cities for PoPs placed by count (`pops: { count, cities: <set> }`), each a
 * list of "Name, CC" resolvable in the GeoNames table. A deployment with more PoPs than cities
 * cycles through the list (root letters and CDNs run several instances in one metro, at
 * different exchanges). Sources and caveats: docs/geography.md.
 */

/**
 * F-root's instance cities as root-servers.org listed them in the mid-2000s (29 cities; quoted in
 * Everything2's "root server" entry from www.root-servers.org). Today's F-root has over 300
 * instances; this earlier footprint is what the published per-site list gives.
 */
const F_ROOT_MID_2000S: readonly string[] = [
  'Ottawa, CA', 'Palo Alto, US', 'San Jose, US', 'New York City, US', 'San Francisco, US', 'Madrid, ES', 'Hong Kong, HK',
  'Los Angeles, US', 'Rome, IT', 'Auckland, NZ', 'São Paulo, BR', 'Beijing, CN', 'Seoul, KR', 'Moscow, RU', 'Taipei, TW',
  'Dubai, AE', 'Paris, FR', 'Singapore, SG', 'Brisbane, AU', 'Toronto, CA', 'Monterrey, MX', 'Lisbon, PT', 'Johannesburg, ZA',
  'Tel Aviv, IL', 'Jakarta, ID', 'Munich, DE', 'Osaka, JP', 'Prague, CZ', 'Amsterdam, NL',
];

/**
 * Forty large interconnection metros of the kind CDNs list on their network maps: an assumption
 * (not one CDN's published list), spread over the continents roughly as CDN footprints are
 * (most in North America, Europe and East Asia).
 */
const CDN_METROS: readonly string[] = [
  'Ashburn, US', 'New York City, US', 'Chicago, US', 'Dallas, US', 'Los Angeles, US', 'San Jose, US', 'Seattle, US', 'Miami, US',
  'Atlanta, US', 'Denver, US', 'Toronto, CA', 'Mexico City, MX', 'São Paulo, BR', 'Buenos Aires, AR', 'Santiago, CL', 'Bogotá, CO',
  'London, GB', 'Amsterdam, NL', 'Frankfurt am Main, DE', 'Paris, FR', 'Madrid, ES', 'Milan, IT', 'Stockholm, SE', 'Warsaw, PL',
  'Marseille, FR', 'Istanbul, TR', 'Johannesburg, ZA', 'Lagos, NG', 'Nairobi, KE', 'Dubai, AE', 'Mumbai, IN', 'Chennai, IN',
  'Singapore, SG', 'Hong Kong, HK', 'Tokyo, JP', 'Osaka, JP', 'Seoul, KR', 'Sydney, AU', 'Melbourne, AU', 'Jakarta, ID',
];

/** The named city sets, by the name a scenario uses. */
export const CITY_SETS: Readonly<Record<string, readonly string[]>> = {
  'f-root-mid-2000s': F_ROOT_MID_2000S,
  'cdn-metros': CDN_METROS,
};

/** The set a scenario names `population` draws PoP cities by population instead (the default). */
export const POPULATION_CITY_SET = 'population';
