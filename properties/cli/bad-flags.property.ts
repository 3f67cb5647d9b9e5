/**
 * Bad command lines, generated, the way properties/scenario/bad-input.property.ts fuzzes scenario
 * files: whatever flags and values a user (or a script gone wrong) passes to any command, the
 * answer is exit 0, or exit 2 with one line on stderr that starts with "anysim:", names a flag,
 * file or command, and stays short — never an internal error (exit 1), a stack trace, a hang or
 * output on stdout. Values mix near-valid numbers (" 5", "0x1e", "1e3", "07"), huge and
 * non-ASCII text, and mistyped flag names. Runs are in-process through `main`, on a tiny scenario
 * and a tiny topology, so a command line that happens to be valid finishes in well under a second.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/anysim.js';
import { recordingIo } from '../../src/cli/recording-io.js';
import { MESSAGE_LINE_LENGTH_MAX } from '../../src/message-text.js';
import { TINY_TOPOLOGY, tinyScenario } from '../../test/tiny-inputs.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 60);
const SEED = 20_261_130;

const root = mkdtempSync(join(tmpdir(), 'anysim-cli-fuzz-'));
const scenarioPath = join(root, 'tiny.yaml');
const topologyPath = join(root, 'tiny.as-rel');
writeFileSync(scenarioPath, tinyScenario('tiny-fuzz'));
writeFileSync(topologyPath, TINY_TOPOLOGY);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The flags of each command (as `--name`), with a few values that are valid for them. */
const COMMANDS: Readonly<Record<string, { readonly flags: Readonly<Record<string, readonly string[]>>; readonly fixed: readonly string[] }>> = {
  hash: {
    flags: {
      '--algorithm': ['maglev', 'ring', 'jump', 'modulo', 'rendezvous'],
      '--backends': ['3', '10'],
      '--remove': ['1'],
      '--add': ['2'],
      '--table-size': ['101', '4099'],
      '--vnodes': ['10'],
      '--flows': ['100', '1000'],
      '--seed': ['1', 'abc'],
      '--conntrack': ['50'],
    },
    fixed: ['--json'],
  },
  catchment: { flags: { '--topology': [topologyPath], '--origins': ['1', '1,2', '2'] }, fixed: ['--json'] },
  converge: {
    flags: {
      '--topology': [topologyPath],
      '--origins': ['1', '1,2'],
      '--event': ['withdraw:1', 'link-down:1-3@5', 'announce:2@0.5'],
      '--mrai-s': ['0', '5', '1.5'],
      '--mrai-timers': ['busy', 'idle'],
      '--seed': ['1', '7'],
    },
    fixed: ['--json'],
  },
  run: {
    // --json always comes first, so that no command line falls back to the default outputs in
    // reports/ (a later --json replaces it).
    flags: { '--seed': ['1', 'x-2'], '--json': [join(root, 'fuzz.json'), '-'], '--topology': [topologyPath] },
    fixed: [scenarioPath, '--json', join(root, 'first.json')],
  },
  schema: { flags: { '--compact': [] }, fixed: [] },
};

/** Values that look like numbers or names but are not quite, and values no flag takes. */
const ODD_VALUES = ['', ' ', ' 5', '5 ', '0x1e', '1e3', '+5', '-1', '07', '1.', '.5', 'NaN', 'Infinity', '9'.repeat(400), '١٢', 'x'.repeat(20_000), '--json', 'a\nb', '\u0000'];

/** A misspelt flag: one edit away from a known one, or something else altogether. */
function misspelt(flag: string, at: number, kind: number): string {
  const body = flag.slice(2);
  const i = at % Math.max(1, body.length);
  if (kind === 0) return `--${body.slice(0, i)}${body.slice(i + 1)}`;
  if (kind === 1) return `--${body.slice(0, i)}x${body.slice(i)}`;
  return `--${body.toUpperCase()}`;
}

const argument = (command: string): fc.Arbitrary<string[]> => {
  const { flags } = COMMANDS[command]!;
  const names = Object.keys(flags);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...names), fc.oneof(fc.constantFrom(...ODD_VALUES), fc.string({ maxLength: 12 }))).map(([flag, value]) => [flag, value]),
    fc.constantFrom(...names).chain((flag): fc.Arbitrary<string[]> => (flags[flag]!.length === 0 ? fc.constant([flag]) : fc.constantFrom(...flags[flag]!).map((value) => [flag, value]))),
    fc.tuple(fc.constantFrom(...names), fc.nat(), fc.nat({ max: 2 })).map(([flag, at, kind]) => [misspelt(flag, at, kind), '1']),
    fc.constantFrom(...ODD_VALUES).map((value) => [value]),
  );
};

const commandLine = fc.constantFrom(...Object.keys(COMMANDS)).chain((command) =>
  fc.array(argument(command), { minLength: 1, maxLength: 5 }).map((args) => [command, ...COMMANDS[command]!.fixed, ...args.flat()]),
);

function checkAnswer(argv: readonly string[], code: number, out: string, err: string): void {
  const where = JSON.stringify(argv).slice(0, 300);
  expect([0, 2], where).toContain(code);
  expect(err, where).not.toMatch(/internal error|\n\s+at /);
  if (code !== 2) return;
  const lines = err.trimEnd().split('\n');
  expect(lines[0], where).toMatch(/^anysim: \S/);
  for (const line of lines) expect(line.length, where).toBeLessThanOrEqual(MESSAGE_LINE_LENGTH_MAX + 40);
  expect(out, where).toBe('');
}

describe('command-line fuzzing', () => {
  it('any mix of flags and odd values exits 0 or exits 2 with a short message naming the problem', async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, async (argv) => {
        const io = recordingIo();
        const code = await main(argv, io);
        checkAnswer(argv, code, io.out, io.err);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('a value that is not plain decimal digits is refused by every number flag, before any work', async () => {
    const numberFlags: [string, string, string[]][] = [
      ['hash', '--backends', ['--algorithm', 'jump']],
      ['hash', '--flows', ['--algorithm', 'jump', '--backends', '3']],
      ['hash', '--table-size', ['--algorithm', 'maglev', '--backends', '3']],
      ['converge', '--mrai-s', ['--topology', topologyPath, '--origins', '1', '--event', 'withdraw:1']],
      ['converge', '--seed', ['--topology', topologyPath, '--origins', '1', '--event', 'withdraw:1']],
    ];
    const notDecimal = fc.oneof(
      fc.constantFrom(' ', '', ' 5', '5 ', '0x1e', '1e3', '+5', '-1', '1_000', 'Infinity', '0b11', '0o7', '٣'),
      fc.tuple(fc.nat({ max: 999 }), fc.constantFrom(' ', '\t', 'e1', 'x', ',0', '_')).map(([n, junk]) => `${n}${junk}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...numberFlags), notDecimal, async ([command, flag, rest], value) => {
        const io = recordingIo();
        const code = await main([command, ...rest, `${flag}=${value}`], io);
        expect(code).toBe(2);
        expect(io.err).toContain(flag);
        expect(io.err).toMatch(/decimal digits only/);
        expect(io.out).toBe('');
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('a flag one typo away from a known one is refused with a "did you mean" naming it', async () => {
    const typo = fc
      .constantFrom(...Object.keys(COMMANDS))
      .chain((command) => fc.tuple(fc.constant(command), fc.constantFrom(...Object.keys(COMMANDS[command]!.flags)), fc.nat(), fc.nat({ max: 2 })));
    await fc.assert(
      fc.asyncProperty(typo, async ([command, flag, at, kind]) => {
        const wrong = misspelt(flag, at, kind);
        fc.pre(!(wrong in COMMANDS[command]!.flags));
        const io = recordingIo();
        const code = await main([command, ...COMMANDS[command]!.fixed, wrong], io);
        expect(code).toBe(2);
        expect(io.err).toMatch(new RegExp(`^anysim: ${command}: unknown option .*; did you mean "--`));
        expect(io.err.split('\n').filter(Boolean)).toHaveLength(1);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });
});
