import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenarioText } from './load-scenario.js';
import { scenarioErrorOf as errorOf } from '../../test/scenario-values.js';

const dir = mkdtempSync(join(tmpdir(), 'anysim-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const VALID = `name: loader
duration: 1h
topology: { synthetic: { ases: 200 } }
pops: { count: 3 }
workload:
  - protocol: websocket
    arrivals: 2/s
    duration: { lognormal: { median: 10m, sigma: 1 } }
`;

describe('loadScenarioFile', () => {
  it('reads YAML (.yaml, .yml) and JSON files into the same scenario', () => {
    const fromYaml = loadScenarioFile(write('a.yaml', VALID));
    const fromYml = loadScenarioFile(write('a.yml', VALID));
    const json = JSON.stringify({
      name: 'loader',
      duration: '1h',
      topology: { synthetic: { ases: 200 } },
      pops: { count: 3 },
      workload: [{ protocol: 'websocket', arrivals: '2/s', duration: { lognormal: { median: '10m', sigma: 1 } } }],
    }, null, 2);
    const fromJson = loadScenarioFile(write('a.json', json));
    expect(fromYml).toEqual(fromYaml);
    expect(fromJson).toEqual(fromYaml);
    expect(fromYaml.workload[0]!.duration).toEqual({ kind: 'lognormal', medianMs: 600_000, sigma: 1 });
  });

  it('names a missing file, a directory and a wrong extension', () => {
    expect(errorOf(() => loadScenarioFile(join(dir, 'nope.yaml'))).message).toBe(`${join(dir, 'nope.yaml')}: no such file`);
    const sub = join(dir, 'sub.yaml');
    mkdirSync(sub);
    expect(errorOf(() => loadScenarioFile(sub)).message).toContain('is a directory');
    expect(errorOf(() => loadScenarioFile(write('a.toml', VALID))).message).toContain('expected a scenario file ending in .yaml, .yml or .json');
  });

  it('refuses an empty file and a file of comments only', () => {
    expect(errorOf(() => loadScenarioFile(write('empty.yaml', ''))).message).toContain('empty.yaml: the scenario is empty; it needs at least name, duration');
    expect(errorOf(() => loadScenarioFile(write('comments.yaml', '# nothing\n\n'))).message).toContain('the scenario is empty');
  });

  it('reports YAML and JSON syntax errors with the file and line', () => {
    const yaml = errorOf(() => loadScenarioFile(write('bad-syntax.yaml', 'name: x\nduration: 1h\ntopology: { synthetic: { ases: 200 }\npops: { count: 3 }\n')));
    expect(yaml.message).toMatch(/bad-syntax\.yaml:\d+: YAML syntax error: /);
    expect(yaml.message).not.toContain('\n');
    const duplicate = errorOf(() => loadScenarioFile(write('dup.yaml', 'name: x\nname: y\n')));
    expect(duplicate.message).toMatch(/dup\.yaml:2: YAML syntax error: .*unique/i);
    const json = errorOf(() => loadScenarioFile(write('bad.json', '{ "name": "x", }')));
    expect(json.message).toContain('bad.json');
    expect(json.message).toContain('JSON syntax error');
  });

  it('points schema problems at the line of the field, the unknown key, or the parent of a missing field', () => {
    const text = `name: lines
duration: 1h
topology:
  synthetic:
    ases: 0
pops: { count: 3 }
workload:
  - protocol: websocket
    arrivals: 2/s
    duration:
      fixed: 60
    colour: blue
`;
    const error = errorOf(() => loadScenarioFile(write('lines.yaml', text)));
    const byPath = new Map(error.problems.map((problem) => [problem.path.join('.'), problem.line]));
    expect(byPath.get('topology.synthetic.ases')).toBe(5);
    expect(byPath.get('workload.0.duration.fixed')).toBe(11);
    expect(byPath.get('workload.0')).toBe(12);
    expect(error.message).toContain('lines.yaml: 3 problems in the scenario:');
    expect(error.message).toContain('lines.yaml:11: workload[0].duration.fixed: expected a duration such as "90s"');
    const missing = errorOf(() => loadScenarioFile(write('missing.yaml', 'name: m\nduration: 1h\npops: { count: 3 }\nworkload: []\n')));
    expect(missing.message).toContain('missing.yaml:1: topology: required field is missing');
  });

  it('points problems in JSON files at their lines too', () => {
    const json = '{\n  "name": "j",\n  "duration": 3600,\n  "topology": { "synthetic": { "ases": 200 } },\n  "pops": { "count": 3 },\n  "workload": []\n}\n';
    const error = errorOf(() => loadScenarioFile(write('lines.json', json)));
    expect(error.message).toContain('lines.json:3: duration: expected a duration such as "90s"');
    expect(error.message).toContain('lines.json:6: workload: expected at least 1 workload entries');
  });

  it('reports cross-field problems with lines', () => {
    const text = `${VALID}flaps:
  - type: pop-withdraw
    pop: pop-3
    at: 10m
`;
    const error = errorOf(() => loadScenarioFile(write('unknown-pop.yaml', text)));
    expect(error.message).toBe(
      `${join(dir, 'unknown-pop.yaml')}:11: flaps[0].pop: unknown PoP "pop-3"; expected one of pop-0 to pop-2 (PoPs by count are numbered from 0)`,
    );
  });

  it('does not check that a CAIDA file exists (the topology loader does)', () => {
    const scenario = loadScenarioFile(write('caida.yaml', VALID.replace('{ synthetic: { ases: 200 } }', '{ caida: { file: /no/such/as-rel.txt } }')));
    expect(scenario.topology).toEqual({ kind: 'caida', file: '/no/such/as-rel.txt' });
  });
});

describe('parseScenarioText', () => {
  const caida = VALID.replace('{ synthetic: { ases: 200 } }', '{ caida: { file: "${CAIDA_FILE}" } }');

  it('substitutes ${NAME} in the CAIDA file path from the given environment', () => {
    expect(parseScenarioText(caida, 'c.yaml', { env: { CAIDA_FILE: 'data/2016.as-rel2.txt.bz2' } }).topology).toEqual({
      kind: 'caida',
      file: 'data/2016.as-rel2.txt.bz2',
    });
    expect(errorOf(() => parseScenarioText(caida, 'c.yaml', { env: {} })).message).toBe(
      'c.yaml:3: topology.caida.file: environment variable CAIDA_FILE is not set; set it to a file path, e.g. CAIDA_FILE=path/to/file anysim run ...',
    );
  });

  it('replaces the topology with a CAIDA file given on the command line, before substitution', () => {
    const scenario = parseScenarioText(caida, 'c.yaml', { env: {}, topologyFile: 'cli/as-rel.txt' });
    expect(scenario.topology).toEqual({ kind: 'caida', file: 'cli/as-rel.txt' });
    expect(parseScenarioText(VALID, 'v.yaml', { topologyFile: 'cli/as-rel.txt' }).topology).toEqual({ kind: 'caida', file: 'cli/as-rel.txt' });
    expect(errorOf(() => parseScenarioText(VALID, 'v.yaml', { topologyFile: '' })).message).toContain('topology.caida.file: expected the path of a CAIDA');
  });

  it('keeps the scenario\'s geography CSV when the command line replaces its CAIDA file', () => {
    const located = 'name: geo\nduration: 1m\ntopology: { caida: { file: old.as-rel, geography: "${GEO}/ases.csv" } }\npops: { count: 1 }\nworkload:\n  - { protocol: dns-udp, arrivals: 1/s, duration: { fixed: 100ms } }\n';
    expect(parseScenarioText(located, 'g.yaml', { env: { GEO: '/data' }, topologyFile: 'cli/as-rel.txt' }).topology).toEqual({
      kind: 'caida',
      file: 'cli/as-rel.txt',
      geography: '/data/ases.csv',
    });
    // The kept path is still the scenario's: an unset variable in it is reported at its line.
    expect(errorOf(() => parseScenarioText(located, 'g.yaml', { env: {}, topologyFile: 'cli/as-rel.txt' })).message).toMatch(/^g\.yaml:3: topology\.caida\.geography: environment variable GEO is not set/);
    // A synthetic topology has no CSV to keep.
    expect(parseScenarioText(VALID, 'v.yaml', { topologyFile: 'cli/as-rel.txt' }).topology).toEqual({ kind: 'caida', file: 'cli/as-rel.txt' });
  });

  it('does not substitute outside file paths', () => {
    const scenario = parseScenarioText(VALID.replace('name: loader', 'description: "${HOME}"\nname: loader'), 'd.yaml', { env: { HOME: '/root' } });
    expect(scenario.description).toBe('${HOME}');
  });

  it('reads JSON when told, and strips a byte-order mark', () => {
    expect(parseScenarioText(`\uFEFF${VALID}`, 'bom.yaml').name).toBe('loader');
    expect(errorOf(() => parseScenarioText('name: x', 'inline', { syntax: 'json' })).message).toContain('JSON syntax error');
  });

  it('stops alias bombs and oversized text at named limits', () => {
    // Nine levels of ten aliases each: 10^9 nodes if expanded.
    const anchor = (level: number) => String.fromCharCode(97 + level);
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level += 1) {
      levels.push(`${anchor(level)}: &${anchor(level)} [${Array.from({ length: 10 }, () => `*${anchor(level - 1)}`).join(', ')}]`);
    }
    const bomb = levels.join('\n');
    expect(errorOf(() => parseScenarioText(bomb, 'bomb.yaml')).message).toContain('limit: 100 alias expansions');
    expect(errorOf(() => parseScenarioText(`# ${'x'.repeat(1_100_000)}`, 'big.yaml')).message).toContain('the limit is 1048576');
  });

  it('lists at most 20 problems and counts the rest', () => {
    const flaps = Array.from({ length: 25 }, () => '  - { type: silent-death, pop: nowhere, at: 1m }').join('\n');
    const error = errorOf(() => parseScenarioText(`${VALID}flaps:\n${flaps}\n`, 'many.yaml'));
    expect(error.problems).toHaveLength(25);
    expect(error.message).toContain('many.yaml: 25 problems in the scenario:');
    expect(error.message).toContain('... and 5 more');
    expect(error.message.split('\n')).toHaveLength(22);
  });
});
