import { describe, expect, it } from 'vitest';
import { INCIDENT_CLASSES, IncidentTable, type Incident } from './incident.js';

const PLAN: readonly Incident[] = [
  { flapIndex: 2, incidentClass: 'silent-death', startMs: 5_000 },
  { flapIndex: 0, incidentClass: 'link-flap', startMs: 1_000 },
];

describe('the incident table', () => {
  it('gives back each incident it was built from, in order', () => {
    const table = IncidentTable.of(PLAN);
    expect(table.count).toBe(2);
    expect([...table]).toEqual(PLAN);
    expect(table.classIndexOf(0)).toBe(INCIDENT_CLASSES.indexOf('silent-death'));
    expect(table.flapIndexOf(1)).toBe(0);
    expect(table.startMsOf(0)).toBe(5_000);
  });

  it('appends a run of one flap process after the incidents already there, leaving the original alone', () => {
    const table = IncidentTable.of(PLAN);
    const withFlips = table.append(3, 'client-flip', Float64Array.of(10, 20, 30));
    expect(withFlips.count).toBe(5);
    expect(withFlips.at(1)).toEqual(PLAN[1]);
    expect([2, 3, 4].map((k) => withFlips.at(k))).toEqual([10, 20, 30].map((startMs) => ({ flapIndex: 3, incidentClass: 'client-flip', startMs })));
    expect(table.count).toBe(2);
  });

  it('knows which indexes name an incident and refuses the others', () => {
    const table = IncidentTable.of(PLAN);
    expect([-1, 0, 1, 2].map((k) => table.has(k))).toEqual([false, true, true, false]);
    expect(() => table.startMsOf(2)).toThrow(RangeError);
    expect(() => table.at(-1)).toThrow(/outside 0\.\.1/);
  });
});
