import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CATCHMENT_FIXTURES } from '../../test/shared-data.js';
import { loadTopologyForCommand, runCatchmentCommand } from './catchment-command.js';
import { recordingIo } from './recording-io.js';
import { UsageError } from './usage-error.js';

const FIXTURES = CATCHMENT_FIXTURES;
const fixture = (name: string): string => fileURLToPath(new URL(name, FIXTURES));

describe('runCatchmentCommand', () => {
  // A CAIDA file named in the caller's environment must not stand in for a missing --topology here.
  beforeEach(() => vi.stubEnv('ANYSIM_CAIDA', ''));
  afterEach(() => vi.unstubAllEnvs());

  it('prints the fixture catchment as one JSON object', async () => {
    const io = recordingIo();
    const code = await runCatchmentCommand(['--topology', fixture('anycast-ties.as-rel'), '--origins', '301,302', '--json'], io);
    expect(code).toBe(0);
    expect(io.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(io.out)).toEqual(JSON.parse(readFileSync(fixture('anycast-ties.origins-301-302.json'), 'utf8')));
  });

  it('summarises ASes per origin, unreachable ASes and path lengths without --json', async () => {
    const io = recordingIo();
    await runCatchmentCommand(['--topology', fixture('anycast-ties.as-rel'), '--origins', '301,302'], io);
    expect(io.out).toContain('AS301: 6 ASes (75.0 %)');
    expect(io.out).toContain('AS302: 2 ASes (25.0 %)');
    expect(io.out).toContain('unreachable: 0 ASes');
    expect(io.out).toMatch(/\n {2}4: 1\n/);
  });

  it('prints usage on --help', async () => {
    const io = recordingIo();
    expect(await runCatchmentCommand(['--help'], io)).toBe(0);
    expect(io.out).toContain('usage: anysim catchment');
  });

  it.each([
    [['--topology', 'x'], '--origins ASN[,ASN...] is required'],
    [['--origins', '1'], '--topology FILE is required'],
    [['--origins', '1,x', '--topology', 'y'], '--origins: expected ASNs'],
    [['--bogus'], 'catchment: unknown option "--bogus"; see "anysim catchment --help"'],
    [['--topology', '/nonexistent.as-rel', '--origins', '1'], '--topology: /nonexistent.as-rel: no such file'],
  ])('rejects %j with a UsageError', async (args, message) => {
    const run = runCatchmentCommand(args, recordingIo());
    await expect(run).rejects.toThrow(UsageError);
    await expect(runCatchmentCommand(args, recordingIo())).rejects.toThrow(message);
  });

  it('takes the topology from ANYSIM_CAIDA when --topology is absent, and --topology wins over it', async () => {
    const diamond = loadTopologyForCommand(undefined, { ANYSIM_CAIDA: fixture('diamond.as-rel') });
    expect(diamond.asCount).toBe(loadTopologyForCommand(fixture('diamond.as-rel')).asCount);
    expect(loadTopologyForCommand(fixture('valley.as-rel'), { ANYSIM_CAIDA: fixture('diamond.as-rel') }).asCount).not.toBe(diamond.asCount);
    vi.stubEnv('ANYSIM_CAIDA', fixture('anycast-ties.as-rel'));
    const io = recordingIo();
    expect(await runCatchmentCommand(['--origins', '301,302', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual(JSON.parse(readFileSync(fixture('anycast-ties.origins-301-302.json'), 'utf8')));
  });

  it('names an origin that is not in the topology', async () => {
    await expect(runCatchmentCommand(['--topology', fixture('diamond.as-rel'), '--origins', '9'], recordingIo())).rejects.toThrow(
      '--origins: origin AS 9 is not in the topology',
    );
  });
});
