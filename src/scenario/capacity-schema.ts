/**
 * PoP capacities in the file format (docs/load.md):
 *
 * ```yaml
 * capacity:
 *   default: { packets: 10Mpps, bits: 40Gbps, sessions: 2000000 }
 *   pops: { ams: { bits: 100Gbps } }
 * ```
 *
 * Each limit is a value with a unit or `none` (unlimited, the default); a PoP's entry overrides the
 * default field by field. Without `capacity` every PoP is unlimited and nothing is dropped.
 */
import { z } from 'zod';
import type { PopCapacity } from '../load/index.js';
import type { CapacitySpec } from './scenario.js';
import { boundedInt, strictObject, volumeField } from './field-types.js';
import { POP_NAME_PATTERN } from './flap-schema.js';
import { SCENARIO_LIMITS } from './limits.js';
import { describeValue } from './units.js';

const NONE = z.literal('none', { error: (issue) => `expected "none" or a value with a unit; got ${describeValue(issue.input)}` });

/** `none` or `field`; "none" reads as undefined (unlimited). */
function orNone<T extends z.ZodType>(field: T, what: string) {
  return z
    .union([NONE, field], { error: (issue) => `expected ${what} or "none"; got ${describeValue(issue.input)}` })
    .transform((value) => (value === 'none' ? undefined : (value as z.output<T>)));
}

const popCapacitySchema = strictObject(
  {
    packets: orNone(volumeField('packets per second the PoP forwards', 'packets'), 'a packet rate such as "10Mpps"').optional(),
    bits: orNone(volumeField('bits per second of its ingress links', 'bits'), 'a bit rate such as "40Gbps"').optional(),
    sessions: orNone(boundedInt(1, SCENARIO_LIMITS.sessionCapacityMax, 'sessions open at once'), 'a session count').optional(),
  },
  'a PoP capacity: { packets, bits, sessions }, each a value or "none"',
).transform(
  (c): PopCapacity => ({
    ...(c.packets === undefined ? {} : { packetsPerS: c.packets.value }),
    ...(c.bits === undefined ? {} : { bitsPerS: c.bits.value }),
    ...(c.sessions === undefined ? {} : { sessions: c.sessions }),
  }),
);

/** The zod schema of `capacity`. */
export const capacitySchema = strictObject(
  {
    default: popCapacitySchema.prefault({}),
    pops: z
      .record(z.string().regex(POP_NAME_PATTERN, { error: () => `expected PoP names as keys matching ${String(POP_NAME_PATTERN)}` }), popCapacitySchema, {
        error: (issue) => `expected capacities by PoP name, such as { ams: { bits: 10Gbps } }; got ${describeValue(issue.input)}`,
      })
      .default({}),
  },
  'capacities: { default, pops }',
).transform((c): CapacitySpec => ({ default: c.default, pops: c.pops }));
