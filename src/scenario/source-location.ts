/**
 * Maps a field path in a parsed YAML (or JSON) document to its line in the source text, so that a
 * message can say `scenario.yaml:12: workload[0].duration.fixed: ...`. Uses the `yaml` package's
 * node ranges and LineCounter; a path that does not exist (a missing field) maps to the line of
 * its deepest existing ancestor, which is where the field should be added.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { FieldPath } from './scenario-error.js';

/** Where a document's nodes came from: the document and the line counter filled while parsing it. */
export interface SourceLayout {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

function childNode(node: unknown, key: string | number): { keyNode?: Node; valueNode?: unknown } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const pairKey = isScalar(pair.key) ? pair.key.value : pair.key;
      if (pairKey === key || String(pairKey) === String(key)) {
        return { keyNode: pair.key as Node, valueNode: pair.value };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item: unknown = node.items[key];
    return item === undefined ? undefined : { valueNode: item };
  }
  return undefined;
}

function lineOf(layout: SourceLayout, node: unknown): number | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: readonly number[] | null }).range;
  if (range === undefined || range === null || range[0] === undefined) return undefined;
  return layout.lineCounter.linePos(range[0]).line;
}

/**
 * The 1-based line of the field at `path`, or of its deepest existing ancestor. With `keyName`, the
 * line of that key inside the object at `path` (an unknown field's own line).
 */
export function lineOfPath(layout: SourceLayout, path: FieldPath, keyName?: string): number | undefined {
  let node: unknown = layout.document.contents;
  let line = lineOf(layout, node);
  const steps: readonly (string | number)[] = keyName === undefined ? path : [...path, keyName];
  for (const step of steps) {
    const child = childNode(node, step);
    if (child === undefined) break;
    // A field's line is where its key is written (a block value starts on the next line); a list
    // item has no key, so its own line.
    line = lineOf(layout, child.keyNode) ?? lineOf(layout, child.valueNode) ?? line;
    node = child.valueNode;
  }
  return line;
}
