import { describe, expect, it } from 'vitest';
import { recordingIo } from './recording-io.js';
import { runSchemaCommand } from './schema-command.js';
import { UsageError } from './usage-error.js';

describe('anysim schema', () => {
  it('prints the scenario JSON Schema to stdout', async () => {
    const io = recordingIo();
    expect(await runSchemaCommand([], io)).toBe(0);
    const schema = JSON.parse(io.out) as { title: string; properties: Record<string, unknown> };
    expect(schema.title).toBe('anysim scenario');
    expect(Object.keys(schema.properties)).toContain('workload');
    expect(io.out.split('\n').length).toBeGreaterThan(100);
    expect(io.err).toBe('');
  });

  it('prints one line with --compact', async () => {
    const compact = recordingIo();
    const indented = recordingIo();
    await runSchemaCommand(['--compact'], compact);
    await runSchemaCommand([], indented);
    expect(compact.out.trimEnd()).not.toContain('\n');
    expect(JSON.parse(compact.out)).toEqual(JSON.parse(indented.out));
  });

  it('prints usage with --help', async () => {
    const io = recordingIo();
    expect(await runSchemaCommand(['--help'], io)).toBe(0);
    expect(io.out).toContain('Usage: anysim schema');
  });

  it('refuses unknown flags and arguments with a UsageError naming them', async () => {
    await expect(runSchemaCommand(['--yaml'], recordingIo())).rejects.toThrow(UsageError);
    await expect(runSchemaCommand(['--yaml'], recordingIo())).rejects.toThrow(/--yaml/);
    await expect(runSchemaCommand(['out.json'], recordingIo())).rejects.toThrow(/unexpected argument "out\.json"/);
  });
});
