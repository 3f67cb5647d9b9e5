import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CATCHMENT_FIXTURES } from '../../test/shared-data.js';
import { rttMsOfKm } from '../geo/index.js';
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

  describe('--rtt and --geography', () => {
    const csvFile = (text: string): string => {
      const dir = mkdtempSync(join(tmpdir(), 'anysim-catchment-geo-'));
      const path = join(dir, 'geo.csv');
      writeFileSync(path, text);
      return path;
    };

    it('adds each routed AS\'s RTT along its path and to its nearest origin, from the CSV', async () => {
      const topology = fixture('anycast-ties.as-rel');
      const plain = recordingIo();
      await runCatchmentCommand(['--topology', topology, '--origins', '301,302', '--json'], plain);
      const map = JSON.parse(plain.out) as Record<string, { origin: number; path: number[] } | null>;
      // Every AS in one place except origin 302, 1,000 km east along the equator: RTTs are 0 to 301
      // and rttMsOfKm(1,000) to 302.
      const asns = Object.keys(map);
      const csv = csvFile(asns.map((asn) => `${asn},0,${asn === '302' ? (1_000 / 6_371.0088) * (180 / Math.PI) : 0}`).join('\n'));
      const io = recordingIo();
      expect(await runCatchmentCommand(['--topology', topology, '--origins', '301,302', '--json', '--geography', csv], io)).toBe(0);
      const withRtt = JSON.parse(io.out) as Record<string, { origin: number; path: number[]; rttMs: number; nearestOrigin: number; nearestRttMs: number } | null>;
      const toFar = Math.round(rttMsOfKm(1_000) * 100) / 100;
      for (const asn of asns) {
        const entry = withRtt[asn]!;
        expect({ origin: entry.origin, path: entry.path }).toEqual(map[asn]);
        if (asn === '302') {
          expect(entry).toMatchObject({ rttMs: 0, nearestOrigin: 302, nearestRttMs: 0 });
          continue;
        }
        expect(entry.nearestOrigin).toBe(301);
        expect(entry.nearestRttMs).toBe(0);
        expect(entry.rttMs).toBeCloseTo(entry.origin === 302 ? toFar : 0, 2);
      }
    });

    it('summarises RTTs per origin with --rtt and the seeded fallback', async () => {
      const io = recordingIo();
      await runCatchmentCommand(['--topology', fixture('anycast-ties.as-rel'), '--origins', '301,302', '--rtt'], io);
      expect(io.out).toMatch(/AS301: [0-9.]+ ms \/ [0-9.]+ ms; \d+ of 6 ASes have another origin nearer/);
    });

    it('names the CSV file and line of a bad row', async () => {
      const csv = csvFile('301,1,2\n302,1\n');
      await expect(runCatchmentCommand(['--topology', fixture('anycast-ties.as-rel'), '--origins', '301,302', '--geography', csv], recordingIo())).rejects.toThrow(
        new UsageError(`--geography: ${csv}:2: expected ASN,lat,lon[,users] (3 or 4 fields), got 2 field(s)`),
      );
    });
  });
});
