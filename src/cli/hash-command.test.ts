import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { runHashCommand } from './hash-command.js';
import { UsageError } from './usage-error.js';

function fakeIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTTY: false };
}

async function runJson(args: string[]): Promise<Record<string, unknown>> {
  const io = fakeIo();
  expect(await runHashCommand([...args, '--json'], io)).toBe(0);
  expect(io.out).toHaveLength(1);
  return JSON.parse(io.out[0]!) as Record<string, unknown>;
}

describe('anysim hash', () => {
  it('prints one JSON object with the contract fields', async () => {
    const result = await runJson(['--algorithm', 'maglev', '--backends', '20', '--remove', '2', '--table-size', '4099', '--flows', '20000']);
    for (const field of ['movedFraction', 'minimalMovedFraction', 'maxOverMean', 'tableBytes']) expect(typeof result[field]).toBe('number');
    expect(result).not.toHaveProperty('buildMs');
    expect(result.minimalMovedFraction).toBe(0.1);
    expect(result.backendsAfter).toBe(18);
    expect(result.tableSize).toBe(4099);
    expect(result.movedFraction as number).toBeGreaterThanOrEqual(0.09);
  });

  it('--json is byte-identical between runs; wall-clock timings only with --timings', async () => {
    const args = ['--algorithm', 'maglev', '--backends', '30', '--remove', '1', '--table-size', '4099', '--flows', '5000', '--json'];
    const first = fakeIo();
    const second = fakeIo();
    await runHashCommand(args, first);
    await runHashCommand(args, second);
    expect(first.out.join('')).toBe(second.out.join(''));
    expect(first.out.join('')).not.toContain('buildMs');
    const timed = await runJson(['--algorithm', 'maglev', '--backends', '30', '--table-size', '4099', '--flows', '5000', '--timings']);
    expect(typeof timed.buildMs).toBe('number');
    expect(typeof timed.rebuildMs).toBe('number');
  });

  it('modulo moves almost everything, jump only the removed share', async () => {
    const modulo = await runJson(['--algorithm', 'modulo', '--backends', '10', '--remove', '1', '--flows', '20000']);
    const jump = await runJson(['--algorithm', 'jump', '--backends', '10', '--remove', '1', '--flows', '20000']);
    expect(modulo.movedFraction as number).toBeGreaterThan(0.8);
    expect(jump.movedFraction as number).toBeLessThan(0.12);
    expect(jump.movedFraction as number).toBeGreaterThan(0.08);
  });

  it('same seed, same answer; an added backend set reports K/(N+K) as the minimum', async () => {
    const a = await runJson(['--algorithm', 'ring', '--backends', '8', '--add', '2', '--vnodes', '50', '--flows', '5000', '--seed', 'x']);
    const b = await runJson(['--algorithm', 'ring', '--backends', '8', '--add', '2', '--vnodes', '50', '--flows', '5000', '--seed', 'x']);
    expect(a.movedFraction).toBe(b.movedFraction);
    expect(a.minimalMovedFraction).toBe(0.2);
    expect(a.vnodes).toBe(50);
  });

  it('--conntrack: a table holding every flow breaks none; one too small for a cyclic replay keeps none', async () => {
    const base = ['--algorithm', 'maglev', '--backends', '10', '--remove', '2', '--table-size', '1009', '--flows', '5000'];
    const roomy = await runJson([...base, '--conntrack', '5000']);
    const tight = await runJson([...base, '--conntrack', '4999']);
    const none = await runJson(base);
    // Held entries pointing at the two removed backends still break: their servers are gone.
    expect(roomy.brokenFraction as number).toBeCloseTo(0.2, 1);
    expect(roomy.brokenFraction as number).toBeLessThan(roomy.movedFraction as number);
    expect(tight.brokenFraction).toBe(tight.movedFraction);
    expect(none.brokenFraction).toBeNull();
  });

  it('prints a readable table without --json, and usage with --help', async () => {
    const io = fakeIo();
    await runHashCommand(['--algorithm', 'rendezvous', '--backends', '5', '--flows', '1000'], io);
    expect(io.out.join('')).toMatch(/^moved fraction\s+0\.0000$/m);
    expect(io.out.join('')).toMatch(/^change\s+none$/m);
    const help = fakeIo();
    expect(await runHashCommand(['--help'], help)).toBe(0);
    expect(help.out.join('')).toMatch(/--algorithm A/);
  });

  it.each([
    [['--backends', '5'], /--algorithm: expected one of modulo, ring, rendezvous, maglev, jump, got nothing/],
    [['--algorithm', 'crc', '--backends', '5'], /got "crc"$/],
    [['--algorithm', 'maglv', '--backends', '5'], /got "maglv"; did you mean "maglev"\?/],
    [['--algorithm', 'jump', '--backends', '0x1e'], /--backends: expected an integer from 1 to \d+ \(decimal digits only\), got "0x1e"/],
    [['--algorithm', 'jump', '--backends', ' '], /got " "/],
    [['--algorithm', 'jump', '--backends', '1e3'], /got "1e3"/],
    [['--algorithm', 'jump', '--backend', '5'], /unknown option "--backend"; did you mean "--backends"\?/],
    [['--algorithm', 'jump'], /--backends N is required/],
    [['--algorithm', 'jump', '--backends', 'five'], /--backends: expected an integer/],
    [['--algorithm', 'jump', '--backends', '5', '--remove', '5'], /must be below --backends 5/],
    [['--algorithm', 'jump', '--backends', '5', '--remove', '1', '--add', '1'], /not both/],
    [['--algorithm', 'maglev', '--backends', '5', '--table-size', '1000'], /prime/],
    [['--algorithm', 'jump', '--backends', '5', '--bogus'], /bogus/],
    [['--algorithm', 'jump', '--backends', '5', 'extra'], /unexpected argument "extra"/],
  ])('rejects %j', async (args, message) => {
    await expect(runHashCommand(args, fakeIo())).rejects.toThrow(UsageError);
    await expect(runHashCommand(args, fakeIo())).rejects.toThrow(message);
  });
});
