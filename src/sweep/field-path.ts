/**
 * Field paths of a sweep's overrides, written as anysim prints them in scenario errors
 * (`routing.mrai`, `pops.count`, `workload[0].arrivals`, `servers.conntrack.capacity`), and how an
 * override is applied to a scenario in the FILE format (before schema validation, so that the
 * overridden scenario goes through exactly the checks a hand-written file would).
 */
import type { FieldPath } from '../scenario/index.js';

/** Deepest path accepted: the scenario format nests four levels at most. */
export const FIELD_PATH_DEPTH_MAX = 8;

const SEGMENT = /^(?:[A-Za-z_][A-Za-z0-9_-]*)(?:\[\d{1,4}\])*$/;
const KEY_WITH_INDEXES = /^([A-Za-z_][A-Za-z0-9_-]*)((?:\[\d{1,4}\])*)$/;

/**
 * Parses `routing.mrai` or `workload[1].duration.fixed` into a field path, or returns a sentence
 * saying what was expected.
 */
export function parseFieldPath(text: string): FieldPath | string {
  const parts = text.split('.');
  const path: (string | number)[] = [];
  for (const part of parts) {
    if (!SEGMENT.test(part)) {
      return `"${text}" is not a field path; expected field names joined by dots, with [i] for list items, e.g. routing.mrai or workload[0].arrivals`;
    }
    const [, key, indexes] = KEY_WITH_INDEXES.exec(part)!;
    path.push(key!);
    for (const index of indexes!.matchAll(/\[(\d+)\]/g)) path.push(Number(index[1]));
  }
  if (path.length > FIELD_PATH_DEPTH_MAX) return `"${text}" is ${path.length} levels deep; the limit is ${FIELD_PATH_DEPTH_MAX}`;
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Returns `raw` with `value` at `path` (the input is not modified). Missing objects on the way are
 * created, so `routing.mrai` works on a file without `routing`; a list index must exist (an
 * override changes a workload entry, it does not invent one) and a step into a scalar is refused.
 *
 * @returns the new value, or a sentence saying why the path does not fit `raw`.
 */
export function withFieldSet(raw: unknown, path: FieldPath, value: unknown): { readonly value: unknown } | string {
  if (path.length === 0) return { value };
  const [step, ...rest] = path;
  if (typeof step === 'number') {
    if (!Array.isArray(raw)) return `expected a list before [${step}]`;
    if (step >= raw.length) return `[${step}] is past the end of a list of ${raw.length}`;
    const inner = withFieldSet(raw[step], rest, value);
    if (typeof inner === 'string') return inner;
    return { value: raw.map((item, i) => (i === step ? inner.value : item)) };
  }
  if (raw !== undefined && !isRecord(raw)) return `expected an object at "${step}"`;
  const record = raw ?? {};
  const inner = withFieldSet(record[step!], rest, value);
  if (typeof inner === 'string') return inner;
  return { value: { ...record, [step!]: inner.value } };
}
