/**
 * Numbers in a scenario file are written in decimal, as JSON writes them (digits, an optional
 * fraction, an optional exponent: what String(number) gives, so files written by tools read
 * back). YAML 1.2's core schema also reads `0x1e` (30), `0o17` (15), `+5`, `.inf` and `.nan` as
 * numbers: forms no reader of the file would take for the value they become. Such a scalar is a
 * problem at its own line, reported with the schema's problems.
 */
import { isPair, isScalar, isSeq, visit, type Node } from 'yaml';
import type { FieldPath } from './scenario-error.js';
import type { SchemaProblem } from './schema-problems.js';
import type { SourceLayout } from './source-location.js';

/** A number as the file may write it: JSON's number syntax (RFC 8259 §6). */
export const DECIMAL_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function fieldPathOf(ancestors: readonly unknown[], node: Node): FieldPath {
  const path: (string | number)[] = [];
  ancestors.forEach((ancestor, i) => {
    const child = ancestors[i + 1] ?? node;
    if (isPair(ancestor) && isScalar(ancestor.key)) path.push(String(ancestor.key.value));
    else if (isSeq(ancestor)) path.push(ancestor.items.indexOf(child as never));
  });
  return path;
}

/** Problems for every number scalar in the document not written as a decimal number. */
export function nonDecimalNumbers(layout: SourceLayout): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  visit(layout.document, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || typeof node.value !== 'number' || node.source === undefined) return;
      const source = String(node.source);
      if (DECIMAL_NUMBER.test(source)) return;
      problems.push({ path: fieldPathOf(ancestors, node), message: `expected a decimal number such as 42 or 0.05; got ${JSON.stringify(source.slice(0, 40))}, which YAML would read as ${node.value}` });
    },
  });
  return problems;
}
