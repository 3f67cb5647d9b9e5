/**
 * The report's "Catchment uncertainty" section (issue 15, item 3; docs/routing.md "Tie-breaks"):
 * which PoP a client reaches often hangs on how ASes break ties between equally good routes, which
 * no public data pins down. The section gives the share of clients whose PoP the rule decides and
 * each PoP's share as a range over the rules and random orders; the full per-PoP table goes to
 * the appendix (all PoPs are in the JSON `catchmentUncertainty`).
 */
import type { PopShareRange, SimulationResult } from '../simulate/index.js';
import { formatPercent, markdownTable } from './format.js';

/** PoPs the section's own table lists: those whose share the rules move the most. */
const WIDEST_LISTED = 10;
/** Most PoPs the appendix table lists (the JSON holds every PoP). */
const APPENDIX_POPS_MAX = 60;

const range = (lo: number, hi: number): string => `${formatPercent(lo)} – ${formatPercent(hi)}`;
const width = (p: PopShareRange): number => p.max - p.min;

/** PoPs by how far the rules move their share, widest first (site order among equals). */
function byWidth(pops: readonly PopShareRange[]): PopShareRange[] {
  return pops.map((p, i) => ({ p, i })).sort((a, b) => width(b.p) - width(a.p) || a.i - b.i).map(({ p }) => p);
}

function rows(pops: readonly PopShareRange[]): string[][] {
  return pops.map((p) => [p.pop, formatPercent(p.lowestAsn), formatPercent(p.hotPotato), range(p.randomMin, p.randomMax), range(p.min, p.max)]);
}

const HEADER = ['PoP', 'lowest-asn', 'hot-potato', 'random (range)', 'range over all'];
const ALIGN = ['l', 'r', 'r', 'r', 'r'] as const;

/** Renders the section. */
export function renderCatchmentUncertaintySection(result: SimulationResult): string {
  const u = result.catchmentUncertainty;
  const out: string[] = ['## Catchment uncertainty\n'];
  out.push(
    `Ties between equally preferred routes (same relationship class, same AS-path length) decide which PoP many clients reach, and ` +
      `no public data says how each AS breaks them. This run used \`${u.rule}\`. Solving the steady state (all sites up) under ` +
      `\`lowest-asn\`, \`hot-potato\` (nearest egress) and ${u.randomSeeds} random orders per AS, ` +
      `**${formatPercent(u.clientsDecidedByTies)} of client weight reaches a different PoP under at least one of them**. ` +
      'Shares are of the client weight that reaches a PoP (the same under every rule: a tie-break never changes reachability).\n',
  );
  const widest = byWidth(u.pops).slice(0, WIDEST_LISTED);
  out.push(
    `${widest.length < u.pops.length ? `The ${widest.length} PoPs whose share the rules move the most (of ${u.pops.length}; every PoP is in the appendix)` : 'Each PoP'}:\n`,
  );
  out.push(markdownTable(HEADER, rows(widest), ALIGN) + '\n');
  return out.join('\n');
}

/** The appendix table: every PoP's share under each rule (at most {@link APPENDIX_POPS_MAX}, site order). */
export function renderCatchmentUncertaintyAppendix(result: SimulationResult): string {
  const u = result.catchmentUncertainty;
  const listed = u.pops.slice(0, APPENDIX_POPS_MAX);
  const out: string[] = ['### Catchment uncertainty per PoP\n'];
  out.push(
    `Each PoP's share of client weight under each tie-break rule, in site order${listed.length < u.pops.length ? ` (the first ${listed.length} of ${u.pops.length}; all are in the JSON)` : ''}:\n`,
  );
  out.push(markdownTable(HEADER, rows(listed), ALIGN) + '\n');
  return out.join('\n');
}
