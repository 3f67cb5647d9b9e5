import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CATCHMENT_FIXTURES } from '../../test/shared-data.js';
import { recordingIo } from './recording-io.js';
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

  it('names an event AS that is not in the topology', async () => {
    await expect(runConvergeCommand([...ties, '--event', 'announce:999'], recordingIo())).rejects.toThrow('--event: AS 999 is not in the topology');
  });

  it('names a link that does not exist', async () => {
    await expect(runConvergeCommand([...ties, '--event', 'link-down:301-501'], recordingIo())).rejects.toThrow(
      '--event: no link between AS 301 and AS 501',
    );
  });
});
