/**
 * Turns zod's issues into problems a user can act on: one per field, with the field path. A union
 * whose input matched one branch's shape reports that branch's issues (the field inside it that
 * is wrong), not "invalid input"; a missing field says so; an object with an unknown field does
 * not also complain about what the unknown field was meant to be.
 */
import type { z } from 'zod';
import type { FieldPath } from './scenario-error.js';

/** A problem found by the schema, before its line is looked up. */
export interface SchemaProblem {
  readonly path: FieldPath;
  readonly message: string;
  /** For an unknown field: its key, whose own line is the one to show. */
  readonly unknownKey?: string;
}

type Issue = z.core.$ZodIssue;

function flattenUnions(issue: Issue, prefix: FieldPath): { readonly path: FieldPath; readonly issue: Issue }[] {
  const path = [...prefix, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // A branch whose issues all lie inside the value matched the value's shape: report those.
    const matched = issue.errors.filter((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
    if (matched.length === 1) return matched[0]!.flatMap((inner) => flattenUnions(inner, path));
  }
  return [{ path, issue }];
}

function isFieldMissing(raw: unknown, path: FieldPath): boolean {
  if (path.length === 0) return false;
  let node: unknown = raw;
  for (const step of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string | number, unknown>)[step];
  }
  const last = path[path.length - 1]!;
  return node !== null && typeof node === 'object' && !Array.isArray(node) && !Object.hasOwn(node, last);
}

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/**
 * The problems behind a failed parse of `raw` (the value the schema was given), in the order zod
 * found them.
 */
export function problemsFromIssues(issues: readonly Issue[], raw: unknown): SchemaProblem[] {
  const flat = issues.flatMap((issue) => flattenUnions(issue, []));
  const withUnknownKeys = flat.filter((entry) => entry.issue.code === 'unrecognized_keys').map((entry) => entry.path);
  const problems: SchemaProblem[] = [];
  for (const { path, issue } of flat) {
    if (issue.code === 'custom' && withUnknownKeys.some((unknownAt) => samePath(unknownAt, path))) continue;
    if (issue.code === 'unrecognized_keys') {
      problems.push({ path, message: issue.message, ...(issue.keys[0] === undefined ? {} : { unknownKey: issue.keys[0] }) });
      continue;
    }
    const message = isFieldMissing(raw, path) ? `required field is missing; ${issue.message.replace(/; got nothing$/, '')}` : issue.message;
    problems.push({ path, message });
  }
  return problems;
}
