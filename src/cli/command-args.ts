/**
 * Strict argument parsing for every sub-command: node's `parseArgs`, with its errors turned into
 * one short {@link UsageError} line that names the command, offers the closest known flag for a
 * mistyped one, and points at the command's help; and strict number parsing for flag values:
 * decimal digits only (no blanks, no hex, no exponent, no sign), within a named range.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../did-you-mean.js';
import { quoted } from '../message-text.js';
import { UsageError } from './usage-error.js';

function flagNames(config: ParseArgsConfig): string[] {
  return Object.keys(config.options ?? {}).map((name) => `--${name}`);
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** Parses `config.args` for `anysim <command>`; a bad flag is a UsageError. */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const help = `see "anysim ${command} --help"`;
    const code = errorCode(error);
    const unknown = /^Unknown option '([^']*)'/.exec(reason)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== undefined) {
      const flag = unknown.split('=')[0]!;
      const hint = didYouMean(flag, flagNames(config));
      throw new UsageError(`${command}: unknown option ${quoted(flag)}${hint === '' ? `; ${help}` : `${hint} (${help})`}`);
    }
    const positional = /^Unexpected argument '([^']*)'/.exec(reason)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && positional !== undefined) {
      throw new UsageError(`${command}: unexpected argument ${quoted(positional)}; it takes only options (${help})`);
    }
    throw new UsageError(`${command}: ${reason.split('\n')[0]}; ${help}`);
  }
}

/** How a number flag is read. */
export interface DecimalFlagRange {
  readonly min: number;
  readonly max: number;
  /** Whether a fraction is allowed ("1.5"); integers only by default. */
  readonly fraction?: boolean;
  /** Unit named in the message ("seconds"). */
  readonly unit?: string;
}

const INTEGER = /^[0-9]{1,16}$/;
const DECIMAL = /^[0-9]{1,16}(?:\.[0-9]{1,9})?$/;

/**
 * The value of a number flag, read strictly: decimal digits (and one decimal point when
 * `range.fraction`), nothing else — `' '`, `''`, `0x1e`, `1e3`, `+5`, `-1`, `Infinity` and
 * surrounding blanks are refused rather than read as 0, 30 or 1000 the way `Number()` would.
 *
 * @param flag - the flag as typed (`--mrai-s`), for the message.
 * @throws UsageError naming the flag, the accepted form and range, and what was given.
 */
export function parseDecimalFlag(flag: string, text: string, range: DecimalFlagRange): number {
  const form = range.fraction === true ? DECIMAL : INTEGER;
  const value = form.test(text) ? Number(text) : NaN;
  if (!(value >= range.min && value <= range.max)) {
    const what = range.fraction === true ? 'a decimal number' : 'an integer';
    const unit = range.unit === undefined ? '' : ` of ${range.unit}`;
    throw new UsageError(`${flag}: expected ${what}${unit} from ${range.min} to ${range.max} (decimal digits only), got ${quoted(text)}`);
  }
  return value;
}

/**
 * The value of an enum flag: one of `allowed`, else a UsageError listing them with a "did you
 * mean" for a near miss.
 */
export function parseEnumFlag<T extends string>(flag: string, text: string | undefined, allowed: readonly T[]): T {
  if (text !== undefined && (allowed as readonly string[]).includes(text)) return text as T;
  const given = text === undefined ? 'nothing' : quoted(text);
  throw new UsageError(`${flag}: expected one of ${allowed.join(', ')}, got ${given}${text === undefined ? '' : didYouMean(text, allowed)}`);
}
