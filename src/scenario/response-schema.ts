/**
 * Operator responses in the file format (docs/responses.md): `responses` is a list of named plans,
 * each a list of actions on one PoP's anycast announcement at a time:
 *
 * ```yaml
 * responses:
 *   - plan: absorb                      # no action: the PoPs take the attack
 *   - plan: withdraw
 *     actions:
 *       - { action: withdraw, pop: fra, at: 20m }
 *       - { action: restore, pop: fra, at: 2h }
 *   - plan: selective
 *     actions:
 *       - { action: announce-to, pop: fra, neighbours: [3356], at: 20m }
 * ```
 *
 * Several plans are compared on one history: each is its own run with the same seed.
 */
import { z } from 'zod';
import { didYouMean } from '../did-you-mean.js';
import type { ResponseAction, ResponsePlanSpec, ResponseSpec, ResponseTrigger } from '../flaps/index.js';
import { asnField, boundedInt, durationField, listField, nameField, strictObject, volumeField } from './field-types.js';
import { POP_NAME_PATTERN } from './flap-schema.js';
import { SCENARIO_LIMITS } from './limits.js';
import { describeValue } from './units.js';

/** Response actions, as written in `action:`. */
export const RESPONSE_ACTIONS = ['withdraw', 'prepend', 'announce-to', 'restore'] as const;

/** Pattern of plan names: they head report rows and JSON entries. */
const PLAN_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const popRef = () => nameField(SCENARIO_LIMITS.popNameLengthMax, POP_NAME_PATTERN, 'a PoP name (a site name, or "pop-<i>" with PoPs by count)');
const at = () =>
  durationField("time of the response, or with `when` the time its trigger is armed (default 0) (time from the scenario's start)", { allowZero: true }).optional();

/** A load trigger: `when: { loadAbove: 40Gbps, detectionDelay: 30s }`. */
const whenSchema = strictObject(
  {
    loadAbove: volumeField("the PoP's offered load (legitimate plus attack) that sets the response off"),
    detectionDelay: durationField('time from the crossing to the response (detection and decision)', { allowZero: true }),
  },
  'a load trigger',
).transform(
  (w): ResponseTrigger => ({ ...(w.loadAbove.unit === 'bitsPerS' ? { bitsPerS: w.loadAbove.value } : { packetsPerS: w.loadAbove.value }), detectionDelayMs: w.detectionDelay }),
);

/** Fields every action has: the PoP, when, and (except restore) how long before restoring. */
const common = { pop: popRef(), at: at(), when: whenSchema.optional() };
const forField = () => durationField('time after the response at which the PoP is restored').optional();

interface Common {
  readonly pop: string;
  readonly at?: number | undefined;
  readonly when?: ResponseTrigger | undefined;
  readonly for?: number | undefined;
}

/** The spec, or an issue at `at` when neither `at` nor `when` says when. */
function spec(r: Common, action: ResponseAction, ctx: z.RefinementCtx): ResponseSpec {
  if (r.at === undefined && r.when === undefined) {
    ctx.addIssue({ code: 'custom', path: ['at'], message: 'give at (a time) or when (a load trigger)', input: r });
    return z.NEVER;
  }
  return {
    pop: r.pop,
    atMs: r.at ?? 0,
    action,
    ...(r.when === undefined ? {} : { trigger: r.when }),
    ...(r.for === undefined ? {} : { forMs: r.for }),
  };
}

const withdraw = strictObject({ action: z.literal('withdraw'), ...common, for: forField() }, 'a withdraw response').transform((r, ctx) =>
  spec(r, { kind: 'withdraw' }, ctx),
);

const prepend = strictObject(
  { action: z.literal('prepend'), ...common, for: forField(), prepend: boundedInt(0, SCENARIO_LIMITS.prependMax, 'AS-path prepends after the response') },
  'a prepend response',
).transform((r, ctx) => spec(r, { kind: 'prepend', prepend: r.prepend }, ctx));

const announceTo = strictObject(
  {
    action: z.literal('announce-to'),
    ...common,
    for: forField(),
    neighbours: listField(asnField('an upstream or peer ASN of the PoP'), 1, SCENARIO_LIMITS.peersPerPopMax, 'neighbours the PoP keeps announcing to'),
  },
  'an announce-to response',
).transform((r, ctx) => spec(r, { kind: 'announce-to', neighbourAsns: r.neighbours }, ctx));

const restore = strictObject({ action: z.literal('restore'), ...common }, 'a restore response').transform((r, ctx) => spec(r, { kind: 'restore' }, ctx));

/** One response action, discriminated by `action`. */
const responseSchema = z.discriminatedUnion('action', [withdraw, prepend, announceTo, restore], {
  error: (issue) => {
    const input = issue.input;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return `expected a response object with an "action"; got ${describeValue(input)}`;
    const given = 'action' in input ? (input as { action: unknown }).action : undefined;
    const expected = RESPONSE_ACTIONS.map((name) => JSON.stringify(name)).join(', ');
    return `expected action to be one of ${expected}; got ${describeValue(given)}${typeof given === 'string' ? didYouMean(given, RESPONSE_ACTIONS) : ''}`;
  },
});

/** The zod schema of one response plan; parses to a ResponsePlanSpec. */
export const responsePlanSchema = strictObject(
  {
    plan: nameField(SCENARIO_LIMITS.nameLengthMax, PLAN_NAME_PATTERN, 'a response plan name (letters, digits, ".", "-", "_")'),
    actions: listField(responseSchema, 0, SCENARIO_LIMITS.responsesPerPlanMax, 'response actions').default([]),
  },
  'a response plan',
).transform((p): ResponsePlanSpec => ({ name: p.plan, responses: p.actions }));
