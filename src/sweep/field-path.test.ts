import { describe, expect, it } from 'vitest';
import { parseFieldPath, withFieldSet } from './field-path.js';

describe('parseFieldPath', () => {
  it('reads dotted names and list indexes as scenario errors print them', () => {
    expect(parseFieldPath('routing.mrai')).toEqual(['routing', 'mrai']);
    expect(parseFieldPath('workload[1].duration.fixed')).toEqual(['workload', 1, 'duration', 'fixed']);
    expect(parseFieldPath('serving.globalHashUpdateDelay[0]')).toEqual(['serving', 'globalHashUpdateDelay', 0]);
  });

  it('refuses what is not a path, naming the expected form', () => {
    expect(parseFieldPath('routing..mrai')).toMatch(/not a field path; expected field names joined by dots/);
    expect(parseFieldPath('1abc')).toMatch(/not a field path/);
    expect(parseFieldPath('a.b.c.d.e.f.g.h.i')).toMatch(/9 levels deep; the limit is 8/);
  });
});

describe('withFieldSet', () => {
  const base = { name: 'x', routing: { mrai: '30s' }, workload: [{ protocol: 'dns-udp', arrivals: '5/s' }] };

  it('sets a nested field without touching the input, creating missing objects', () => {
    const set = withFieldSet(base, ['routing', 'mrai'], '5s');
    expect(set).toEqual({ value: { ...base, routing: { mrai: '5s' } } });
    expect(base.routing.mrai).toBe('30s');
    expect(withFieldSet(base, ['servers', 'conntrack', 'capacity'], 10)).toEqual({ value: { ...base, servers: { conntrack: { capacity: 10 } } } });
    expect(withFieldSet(base, ['workload', 0, 'arrivals'], '9/s')).toEqual({ value: { ...base, workload: [{ protocol: 'dns-udp', arrivals: '9/s' }] } });
  });

  it('refuses list indexes past the end and steps into scalars', () => {
    expect(withFieldSet(base, ['workload', 3, 'arrivals'], '1/s')).toBe('[3] is past the end of a list of 1');
    expect(withFieldSet(base, ['name', 'first'], 'y')).toBe('expected an object at "first"');
    expect(withFieldSet(base, ['routing', 0], 'y')).toBe('expected a list before [0]');
  });
});
