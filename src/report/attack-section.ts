/**
 * The per-attack sections (issue 16 item 4): for each ddos flap, its volume and sources; offered
 * and dropped load per PoP over time (a chart, attack-chart.ts); where the attack's traffic went
 * in each phase between the responses that acted during it, under each response plan; and the
 * sessions broken by the responses against the rest (the Operator responses section has them with
 * their intervals, per protocol and architecture).
 */
import type { AttackView, SimulationResult } from '../simulate/index.js';
import { attackChartFile } from './attack-chart.js';
import { formatDurationMs, formatPercent, markdownTable } from './format.js';

/** "40 Gbps", "1.5 Tbps". */
export function formatBitsPerS(bitsPerS: number): string {
  const units: readonly [number, string][] = [
    [1e12, 'Tbps'],
    [1e9, 'Gbps'],
    [1e6, 'Mbps'],
    [1e3, 'kbps'],
  ];
  for (const [size, unit] of units) if (bitsPerS >= size) return `${Number((bitsPerS / size).toPrecision(3))} ${unit}`;
  return `${Number(bitsPerS.toPrecision(3))} bps`;
}

/** Where the attack went in each phase: one row per phase, one column per PoP the attack reached. */
function phaseTable(attack: AttackView, pops: readonly string[], plan?: string): string {
  const reached = pops.map((_, p) => p).filter((p) => attack.phases.some((phase) => phase.attackShareByPop[p]! >= 0.0005));
  return markdownTable(
    [...(plan === undefined ? [] : ['plan']), 'phase', 'from', ...reached.map((p) => pops[p]!), 'no route', 'dropped by PoPs'],
    attack.phases.map((phase) => [
      ...(plan === undefined ? [] : [plan]),
      phase.description,
      formatDurationMs(phase.fromMs),
      ...reached.map((p) => formatPercent(phase.attackShareByPop[p]!)),
      formatPercent(phase.unreachedShare),
      formatPercent(phase.droppedShareOfAttack),
    ]),
    [...(plan === undefined ? [] : ['l' as const]), 'l', 'r', ...reached.map(() => 'r' as const), 'r', 'r'],
  );
}

/** Peak offered and dropped load per PoP over the run (bits per second, bin means). */
function peakTable(attack: AttackView, pops: readonly string[]): string {
  const rows = pops
    .map((name, p) => ({ name, offered: Math.max(...attack.offeredBitsPerS[p]!), attack: Math.max(...attack.attackBitsPerS[p]!), dropped: Math.max(...attack.droppedBitsPerS[p]!) }))
    .filter((r) => r.offered > 0);
  return markdownTable(
    ['PoP', 'peak offered', 'peak attack part', 'peak dropped'],
    rows.map((r) => [r.name, formatBitsPerS(r.offered), formatBitsPerS(r.attack), formatBitsPerS(r.dropped)]),
    ['l', 'r', 'r', 'r'],
  );
}

/**
 * The sections, one per attack ('' without attacks); `chartPath(file)` links a chart drawn beside
 * the report (attack-chart.ts names the files), undefined when none was drawn.
 */
export function renderAttackSections(result: SimulationResult, chartPath: (file: string) => string | undefined = () => undefined): string {
  const attacks = result.attacks ?? [];
  if (attacks.length === 0) return '';
  const pops = result.pops.map((p) => p.name);
  const plans = result.responsePlans?.plans;
  const out: string[] = [];
  attacks.forEach((attack, i) => {
    out.push(`## Attack: flaps[${attack.flapIndex}]\n`);
    out.push(
      `${formatBitsPerS(attack.bitsPerS)} (${Number((attack.packetsPerS / 1e6).toPrecision(3))} Mpps) from ${attack.sourceAses} source AS${attack.sourceAses === 1 ? '' : 'es'}` +
        `${attack.spoofed ? ' (spoofed addresses; the packets still enter at their source ASes)' : ''}, ` +
        `${formatDurationMs(attack.startMs)} to ${formatDurationMs(attack.startMs + attack.durationMs)}. Each source's traffic follows its AS's route at every instant. ` +
        `Replication ${result.shownReplication}'s history, in bins of ${formatDurationMs(attack.binMs)}; a PoP over its capacity drops the same share of every packet (docs/load.md).\n`,
    );
    for (const plan of plans?.map((p) => p.plan) ?? [undefined]) {
      const chart = chartPath(attackChartFile(i, plan));
      if (chart !== undefined) out.push(`![Offered and dropped load per PoP, flaps[${attack.flapIndex}]${plan === undefined ? '' : `, plan ${plan}`}](${chart})\n`);
    }
    out.push(peakTable(attack, pops) + '\n');
    out.push('Where the attack traffic went: mean share of its volume offered to each PoP in each phase (phases begin at the responses that acted during the attack).\n');
    if (plans === undefined) out.push(phaseTable(attack, pops) + '\n');
    else {
      for (const plan of plans) {
        const view = plan.attacks?.[i];
        if (view !== undefined) out.push(phaseTable(view, pops, plan.plan) + '\n');
      }
      out.push('Sessions each plan broke, and how many of those its responses broke (response-induced shifts) against the rest (the attack and overload, flaps): see Operator responses.\n');
    }
  });
  return out.join('\n');
}
