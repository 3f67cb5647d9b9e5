/**
 * The report's "Catchment quality" section (issue 15, item 4; docs/geography.md): the share of
 * users not on their nearest PoP, their extra RTT and extra km (user-weighted p50/p90/p99), the
 * catchment table with each PoP's users' RTT to it and to their nearest PoP, and how the busiest
 * routing events changed the figures.
 */
import type { CatchmentQualityFigures, SimulationResult, WeightedPercentiles } from '../simulate/index.js';
import { formatCount, formatDurationMs, formatPercent, markdownTable } from './format.js';

/** Most PoPs the catchment table lists (the rest, with fewer users, are in the JSON). */
const POPS_LISTED_MAX = 40;

const ms = (x: number): string => `${x.toFixed(1)} ms`;
const km = (x: number): string => `${formatCount(x)} km`;
const triple = (p: WeightedPercentiles, unit: (x: number) => string): string => `${unit(p.p50)} / ${unit(p.p90)} / ${unit(p.p99)}`;

/** Renders the section. */
export function renderCatchmentQualitySection(result: SimulationResult): string {
  const q = result.catchmentQuality;
  const out: string[] = ['## Catchment quality\n'];
  const fallback = q.locationSources['seeded-fallback'];
  const drawn = q.locationSources['city-draw'] + fallback;
  out.push(
    `Replication ${result.shownReplication}: how far anycast's catchment is from "every user on the nearest PoP", weighted by users ` +
      `(${formatCount(q.users)} users in ${formatCount(result.topology.clientAses)} client ASes). Nearest: the PoP at the smallest great-circle ` +
      `distance from the client AS's home point (PoPs within 1 km of it count as nearest). Extra RTT: propagation RTT along the route's AS-path ` +
      'points to the PoP reached minus that of the straight line to the nearest PoP (2/3 c, route inflation 1.3; docs/geography.md). ' +
      'Extra km: great-circle km to the PoP reached minus to the nearest (Li et al., SIGCOMM 2018).' +
      (fallback > 0 ? ` **Assumption:** ${formatCount(fallback)} client ASes have a seeded-fallback location (no geography CSV row).` : '') +
      (drawn > 0
        ? ` **Drawn places:** ${formatCount(drawn)} client ASes have a location drawn from the city table, not measured, and a synthetic ` +
          "graph's links ignore geography: read these figures as what policy and tie-breaks can do at worst, not as a calibration " +
          '(docs/geography.md sets them beside published measurements).'
        : '') +
      '\n',
  );
  const s = q.steadyState;
  out.push(
    markdownTable(
      ['steady state (all sites up)', 'value'],
      [
        ['users not on their nearest PoP', formatPercent(s.notNearestShare)],
        ['users sent over 5,000 km farther than necessary', formatPercent(s.farShare)],
        ['extra RTT p50 / p90 / p99', triple(s.extraRttMs, ms)],
        ['extra km p50 / p90 / p99', triple(s.extraKm, km)],
        ['RTT to the PoP reached p50 / p90 / p99', triple(s.rttMs, ms)],
      ],
      ['l', 'r'],
    ) + '\n',
  );
  const listed = q.pops.length <= POPS_LISTED_MAX ? q.pops : [...q.pops].sort((a, b) => b.usersShare - a.usersShare).slice(0, POPS_LISTED_MAX);
  out.push(
    `Catchment table: ${listed.length < q.pops.length ? `the ${listed.length} PoPs with the most users (of ${q.pops.length}; all are in the JSON): ` : ''}` +
      'each PoP\'s share of users and its users\' median RTT to it and to their nearest PoP.\n',
  );
  out.push(
    markdownTable(
      ['PoP', 'city', 'users', 'RTT p50', 'nearest-PoP RTT p50', 'not on nearest'],
      listed.map((p) => [
        p.pop,
        p.city ?? '–',
        formatPercent(p.usersShare),
        p.rttMsP50 === null ? '–' : ms(p.rttMsP50),
        p.nearestRttMsP50 === null ? '–' : ms(p.nearestRttMsP50),
        p.usersShare > 0 ? formatPercent(p.notNearestShare) : '–',
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r'],
    ) + '\n',
  );
  if (q.events.length > 0) {
    out.push(
      `How the ${q.events.length} routing events that moved the most client ASes changed the figures (just before → once settled). ` +
        'The route history keeps where packets land, not their paths, so these rows measure the straight line to the PoP reached.\n',
    );
    const change = (pick: (f: CatchmentQualityFigures) => string, before: CatchmentQualityFigures, after: CatchmentQualityFigures): string => `${pick(before)} → ${pick(after)}`;
    out.push(
      markdownTable(
        ['at', 'event', 'not on nearest', 'no route', 'extra RTT p90', 'extra km p90'],
        q.events.map((e) => [
          formatDurationMs(e.atMs),
          e.description,
          change((f) => formatPercent(f.notNearestShare), e.before, e.after),
          change((f) => formatPercent(f.noRouteShare), e.before, e.after),
          change((f) => ms(f.extraRttMs.p90), e.before, e.after),
          change((f) => km(f.extraKm.p90), e.before, e.after),
        ]),
        ['r', 'l', 'r', 'r', 'r', 'r'],
      ) + '\n',
    );
  }
  return out.join('\n');
}
