import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './load-scenario.js';
import { ScenarioError } from './scenario-error.js';

const TEXT = `name: numbers
duration: 10m
topology: { synthetic: { ases: ASES } }
pops: { count: 3 }
workload:
  - { protocol: websocket, arrivals: 1/s, duration: { fixed: 3m } }
architectures: [edge]
`;

function messageOf(ases: string): string {
  try {
    parseScenarioText(TEXT.replace('ASES', ases), 'n.yaml', { env: {} });
    return '';
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
}

describe('numbers in scenario files', () => {
  it.each(['0x96', '0o226', '+150', '0150', '.inf', '.nan'])('refuses %s at its line, naming what YAML would make of it', (written) => {
    expect(messageOf(written)).toMatch(new RegExp(`n\\.yaml:3: topology\\.synthetic\\.ases: expected a decimal number such as 42 or 0\\.05; got "${written.replace(/[.+]/g, '\\$&')}", which YAML would read as`));
  });

  it.each(['150', '150.0', '1.5e2', '1.5E+2'])('accepts %s (JSON number syntax, what tools write)', (written) => {
    expect(messageOf(written)).toBe('');
  });

  it('reports every problem of the file at once, in line order', () => {
    const text = TEXT.replace('ASES', '0x96').replace('count: 3', 'count: 0o3').replace('fixed: 3m', 'fixed: 3').replace('[edge]', '[edgy]');
    let message = '';
    try {
      parseScenarioText(text, 'n.yaml', { env: {} });
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split('\n').slice(1).map((line) => Number(/^ {2}n\.yaml:(\d+):/.exec(line)?.[1]));
    expect(lines).toEqual([3, 4, 6, 7]);
    expect(message).toContain('did you mean "edge"?');
  });
});
