import { describe, expect, it } from 'vitest';
import { InputFileError } from '../input-file.js';
import { MESSAGE_LINE_LENGTH_MAX } from '../message-text.js';
import { ScenarioError } from '../scenario/index.js';
import { exitCodeFor } from './exit-code.js';
import { recordingIo } from './recording-io.js';
import { UsageError } from './usage-error.js';

describe('exitCodeFor', () => {
  it('cuts a huge message to one readable line, saying how much was left out', () => {
    const io = recordingIo();
    expect(exitCodeFor(new UsageError(`bad value ${'v'.repeat(50_000)}`), io)).toBe(2);
    const line = io.err.trimEnd();
    expect(line.split('\n')).toHaveLength(1);
    expect(line.length).toBeLessThan(MESSAGE_LINE_LENGTH_MAX + 60);
    expect(line).toMatch(/\.\.\. \(\d+ more characters\)$/);
  });

  it('cuts every line of a multi-line scenario message and keeps the lines', () => {
    const io = recordingIo();
    const error = ScenarioError.fromProblems('s.yaml', [
      { path: ['a'], message: 'x'.repeat(5_000), line: 9 },
      { path: ['b'], message: 'short', line: 2 },
    ]);
    expect(exitCodeFor(error, io)).toBe(2);
    const lines = io.err.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('  s.yaml:2: b: short');
    expect(lines[2]!.length).toBeLessThan(MESSAGE_LINE_LENGTH_MAX + 60);
  });

  it('treats an unreadable input file as bad input (exit 2), anything else as a bug (exit 1)', () => {
    expect(exitCodeFor(new InputFileError('x: is a FIFO'), recordingIo())).toBe(2);
    const io = recordingIo();
    expect(exitCodeFor(new TypeError('boom'), io)).toBe(1);
    expect(io.err).toBe('anysim: internal error: boom\n');
  });
});
