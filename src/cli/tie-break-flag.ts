/**
 * `--tie-break RULE` of `anysim catchment` and `anysim converge`: the rule by which an AS picks
 * among equally preferred routes (`routing.tieBreak` of a scenario; docs/routing.md "Tie-breaks",
 * src/routing/tie-break.ts), with one spelling, one validation and one meaning in both commands.
 */
import { didYouMean } from '../did-you-mean.js';
import type { AsGeography } from '../geo/index.js';
import { quoted } from '../message-text.js';
import { TIE_BREAK_RULES, type TieBreakRule, type TieBreakSpec } from '../routing/index.js';
import type { RandomStream } from '../sim/index.js';
import { UsageError } from './usage-error.js';

/** The flag's value when it is not given (the routing layer's default, LOWEST_ASN). */
export const DEFAULT_TIE_BREAK_RULE: TieBreakRule = 'lowest-asn';

/** The flag's lines of a command's --help (after `--tie-break RULE  `). */
export const TIE_BREAK_HELP = `how an AS picks among equally preferred routes: lowest-asn (default),
                    hot-potato (nearest egress; places ASes as --geography does) or random
                    (a fixed order per AS drawn from --seed)`;

/** The `--tie-break` value as a rule, or a UsageError naming the flag, the rules and the nearest one. */
export function parseTieBreakFlag(text: string): TieBreakRule {
  const rule = TIE_BREAK_RULES.find((r) => r === text);
  if (rule === undefined) {
    throw new UsageError(`--tie-break: expected one of ${TIE_BREAK_RULES.map((r) => `"${r}"`).join(', ')}; got ${quoted(text)}${didYouMean(text, TIE_BREAK_RULES)}`);
  }
  return rule;
}

/**
 * The rule with what it needs: hot-potato the ASes' places (`geography`, asked for only then),
 * random one 32-bit salt from the command's `routing/tie-break` stream (`salts`, taken only then,
 * so the other rules leave every stream as it was).
 */
export function tieBreakOfFlag(rule: TieBreakRule, geography: () => AsGeography, salts: () => RandomStream): TieBreakSpec {
  switch (rule) {
    case 'lowest-asn':
      return { rule };
    case 'hot-potato':
      return { rule, geography: geography() };
    case 'random':
      return { rule, salt: salts().uint32() };
  }
}
