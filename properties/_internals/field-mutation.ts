/**
 * Breaks one field of a scenario-like object for the parser fuzzers: replace its value, delete it,
 * or add an unknown field beside it. Shared by the suites that feed broken scenarios to the loader.
 */

/** What to do to the field at a path. */
export type FieldMutation =
  | { readonly op: 'replace'; readonly value: unknown }
  | { readonly op: 'delete' }
  | { readonly op: 'add-unknown'; readonly key: string };

/** A deep copy of `value` with `mutation` applied at `path`. */
export function mutateField(value: unknown, path: readonly (string | number)[], mutation: FieldMutation): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (mutation.op === 'replace') parent[last] = mutation.value;
  else if (mutation.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[mutation.key] = 1;
    else parent[last] = { [mutation.key]: 1 };
  }
  return copy;
}
