import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CATCHMENT_FIXTURES } from '../../test/shared-data.js';
import { recordingIo } from './recording-io.js';
import { runCatchmentCommand } from './catchment-command.js';
import { runConvergeCommand } from './converge-command.js';
import { UsageError } from './usage-error.js';

const FIXTURES = CATCHMENT_FIXTURES;
const fixture = (name: string): string => fileURLToPath(new URL(name, FIXTURES));

interface ConvergeJson {
  updates: number;
  finalMatchesSteadyState: boolean;
  final: Record<string, unknown>;
  convergenceMs: { p50: number; p90: number; max: number };
  ases: Record<string, { routeSettledMs: number | null; forwardingSettledMs: number | null; blackholeMs: number; loopMs: number }>;
}

async function converge(args: string[]): Promise<ConvergeJson> {
  const io = recordingIo();
  expect(await runConvergeCommand([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.out) as ConvergeJson;
}

describe('runConvergeCommand', () => {
  // A CAIDA file named in the caller's environment must not stand in for a missing --topology here.
  beforeEach(() => vi.stubEnv('ANYSIM_CAIDA', ''));
  afterEach(() => vi.unstubAllEnvs());
  const ties = ['--topology', fixture('anycast-ties.as-rel'), '--origins', '301,302'];

  it('withdrawing one origin moves its catchment to the other and reports the convergence', async () => {
    const result = await converge([...ties, '--event', 'withdraw:301']);
    expect(result.finalMatchesSteadyState).toBe(true);
    expect(result.updates).toBeGreaterThan(0);
    expect(Object.values(result.final).every((e) => e === null || (e as { origin: number }).origin === 302)).toBe(true);
    expect(Object.keys(result.ases).sort()).toEqual(['100', '201', '301', '401', '500', '501']);
    const settled = Object.values(result.ases).map((a) => a.routeSettledMs!);
    expect(result.convergenceMs.max).toBe(Math.max(...settled));
    expect(result.convergenceMs.p50).toBeLessThanOrEqual(result.convergenceMs.p90);
  });

  it('re-announcing returns the original catchment; announce may name a new AS', async () => {
    const back = await converge([...ties, '--event', 'withdraw:301', '--event', 'announce:301@120']);
    expect(back.final).toEqual(JSON.parse(readFileSync(fixture('anycast-ties.origins-301-302.json'), 'utf8')));
    const newcomer = await converge([...ties, '--event', 'announce:500']);
    expect(newcomer.final['501']).toEqual({ origin: 500, path: [501, 500] });
    expect(newcomer.finalMatchesSteadyState).toBe(true);
  });

  it('handles link failures and is reproducible for a seed', async () => {
    const args = ['--topology', fixture('valley.as-rel'), '--origins', '30', '--event', 'link-down:11-30', '--seed', '7'];
    const first = await converge(args);
    expect(first.final['11']).toEqual({ origin: 30, path: [11, 10, 20, 21, 30] });
    expect(first.final['50']).toBeNull();
    expect(await converge(args)).toEqual(first);
    const up = await converge([...args, '--event', 'link-up:30-11@60']);
    expect(up.final['11']).toEqual({ origin: 30, path: [11, 30] });
  });

  it('prints a human summary without --json', async () => {
    const io = recordingIo();
    await runConvergeCommand([...ties, '--event', 'withdraw:302', '--mrai-s', '0'], io);
    expect(io.out).toContain('UPDATE messages sent:');
    expect(io.out).toContain('final state equals the steady state: yes');
  });

  it.each([
    [['--origins', '1', '--event', 'withdraw:1'], '--topology FILE is required'],
    [['--topology', 'x', '--origins', '1'], '--event is required'],
    [['--topology', 'x', '--origins', '1', '--event', 'explode:1'], '--event: expected withdraw:ASN'],
    [['--topology', 'x', '--origins', '1', '--event', 'link-down:1'], '--event: expected'],
    [['--topology', 'x', '--origins', '1', '--event', 'withdraw:1', '--mrai-s', '4000'], '--mrai-s: expected a decimal number of seconds from 0 to 3600 (decimal digits only), got "4000"'],
    [['--topology', 'x', '--origins', '1', '--event', 'withdraw:1', '--mrai-s', ' '], '--mrai-s: expected a decimal number of seconds from 0 to 3600 (decimal digits only), got " "'],
    [['--topology', 'x', '--origins', '1', '--event', 'withdraw:1', '--mrai-s', '0x1e'], 'got "0x1e"'],
    [['--topology', 'x', '--origins', '1', '--event', 'withdraw:1@1e400'], '--event: @SECONDS: expected a decimal number of seconds'],
    [['--topology', 'x', '--origins', '1', '--event', 'withdrw:1'], 'did you mean "withdraw"?'],
    [['--topology', 'x', '--origins', ' 1', '--event', 'withdraw:1'], '--origins: expected ASNs'],
    [['--topology', 'x', '--origins', '1', '--event', 'withdraw:1', '--mrai-timers', 'idel'], '--mrai-timers: expected one of busy, idle, got "idel"; did you mean "idle"?'],
    [['--topology', 'x', '--origins', '1', '--event', 'withdraw:1', '--seed', 'abc'], '--seed: expected'],
  ])('rejects %j with a UsageError', async (args, message) => {
    await expect(runConvergeCommand(args, recordingIo())).rejects.toThrow(UsageError);
    await expect(runConvergeCommand(args, recordingIo())).rejects.toThrow(message);
  });

  describe('--tie-break', () => {
    // AS 100 (London) has equal provider routes via 201 (Tokyo) and 202 (Paris) (the catchment
    // command's fixture): lowest ASN sends it toward 301, hot-potato to Paris and 302.
    const placesCsv = (): string => {
      const csv = join(mkdtempSync(join(tmpdir(), 'anysim-converge-tie-')), 'places.csv');
      const places: Record<number, string> = { 100: '51.5,-0.12', 201: '35.7,139.7', 202: '48.9,2.35', 301: '35.7,139.7', 302: '48.9,2.35', 401: '48.9,2.35', 500: '51.5,-0.12', 501: '51.5,-0.12' };
      writeFileSync(csv, Object.entries(places).map(([asn, at]) => `${asn},${at}`).join('\n'));
      return csv;
    };
    /** The steady-state catchment `anysim catchment` gives for the same rule flags (routes only; --geography adds RTTs). */
    const catchment = async (flags: string[]): Promise<Record<string, unknown>> => {
      const io = recordingIo();
      await runCatchmentCommand([...ties, '--json', ...flags], io);
      const map = JSON.parse(io.out) as Record<string, { origin: number; path: number[] } | null>;
      return Object.fromEntries(Object.entries(map).map(([asn, entry]) => [asn, entry === null ? null : { origin: entry.origin, path: entry.path }]));
    };
    const leaveAndReturn = ['--event', 'withdraw:302', '--event', 'announce:302@300'];

    it('ends where the catchment command\'s steady state under the same rule is', async () => {
      const csv = placesCsv();
      const cases: string[][] = [[], ['--tie-break', 'lowest-asn'], ['--tie-break', 'hot-potato', '--geography', csv], ...['1', '2', '3', '4'].map((seed) => ['--tie-break', 'random', '--seed', seed])];
      for (const flags of cases) {
        const result = await converge([...ties, ...leaveAndReturn, ...flags]);
        expect(result.finalMatchesSteadyState, flags.join(' ')).toBe(true);
        expect(result.final, flags.join(' ')).toEqual(await catchment(flags));
      }
    });

    it('reaches the routing: hot-potato moves AS 100 to Paris, random follows --seed', async () => {
      expect(((await converge([...ties, ...leaveAndReturn])).final['100'] as { path: number[] }).path).toEqual([100, 201, 301]);
      const hot = await converge([...ties, ...leaveAndReturn, '--tie-break', 'hot-potato', '--geography', placesCsv()]);
      expect((hot.final['100'] as { path: number[] }).path).toEqual([100, 202, 302]);
      const originOf100 = async (seed: string): Promise<number> =>
        ((await converge([...ties, '--event', 'withdraw:302@10', '--event', 'announce:302@300', '--tie-break', 'random', '--seed', seed])).final['100'] as { origin: number }).origin;
      const seeds = ['1', '2', '3', '4', '5', '6', '7', '8'];
      const origins = await Promise.all(seeds.map(originOf100));
      expect(await Promise.all(seeds.map(originOf100))).toEqual(origins);
      expect(new Set(origins)).toEqual(new Set([301, 302]));
    });

    it('rejects an unknown rule as catchment does, and --geography without hot-potato', async () => {
      await expect(runConvergeCommand([...ties, '--event', 'withdraw:301', '--tie-break', 'hot-potatoe'], recordingIo())).rejects.toThrow(
        new UsageError('--tie-break: expected one of "lowest-asn", "hot-potato", "random"; got "hot-potatoe"; did you mean "hot-potato"?'),
      );
      await expect(runConvergeCommand([...ties, '--event', 'withdraw:301', '--geography', 'places.csv'], recordingIo())).rejects.toThrow(
        new UsageError('--geography: applies only with --tie-break hot-potato (got --tie-break lowest-asn)'),
      );
    });
  });

  it('names an event AS that is not in the topology', async () => {
    await expect(runConvergeCommand([...ties, '--event', 'announce:999'], recordingIo())).rejects.toThrow('--event: AS 999 is not in the topology');
  });

  it('names a link that does not exist', async () => {
    await expect(runConvergeCommand([...ties, '--event', 'link-down:301-501'], recordingIo())).rejects.toThrow(
      '--event: no link between AS 301 and AS 501',
    );
  });
});
