/**
 * Keeping messages readable whatever the input: a value echoed back to the user is cut to a few
 * dozen characters (a 20 MB malformed line must not be printed whole), and a whole message line
 * is cut before it reaches the terminal.
 */

/** Longest echo of an input value inside a message, in characters. */
export const QUOTED_VALUE_LENGTH_MAX = 80;

/** Longest line of a message printed by the CLI, in characters. */
export const MESSAGE_LINE_LENGTH_MAX = 1_000;

/**
 * `text` in double quotes, cut to `max` characters with a note of how much was left out;
 * control characters are escaped so that the message stays one line.
 */
export function quoted(text: string, max = QUOTED_VALUE_LENGTH_MAX): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const escaped = JSON.stringify(cut);
  return text.length > max ? `${escaped}... (${text.length - max} more characters)` : escaped;
}

/** `line` cut to {@link MESSAGE_LINE_LENGTH_MAX} characters, with a note of the cut. */
export function cutLine(line: string, max = MESSAGE_LINE_LENGTH_MAX): string {
  return line.length > max ? `${line.slice(0, max)}... (${line.length - max} more characters)` : line;
}

/** A path as messages show it: as typed when it is plain printable ASCII, else quoted and cut. */
export function displayPath(path: string): string {
  return /^[\x21-\x7e]{1,200}$/.test(path) ? path : quoted(path);
}
