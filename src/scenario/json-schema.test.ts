import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './json-schema.js';

interface JsonSchemaNode {
  readonly type?: string;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly default?: unknown;
  readonly pattern?: string;
  readonly items?: JsonSchemaNode & { readonly oneOf?: readonly JsonSchemaNode[] };
}

describe('scenarioJsonSchema', () => {
  const schema = scenarioJsonSchema() as JsonSchemaNode & Record<string, unknown>;

  it('describes the file format (input side): unit strings, file defaults, required fields', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['name', 'duration', 'topology', 'pops', 'workload']);
    const routing = schema.properties!.routing!;
    expect(routing.properties!.mrai!.type).toBe('string');
    expect(routing.properties!.mrai!.default).toBe('30s');
    expect(new RegExp(routing.properties!.mrai!.pattern!).test('90s')).toBe(true);
    expect(new RegExp(routing.properties!.mrai!.pattern!).test('90')).toBe(false);
    expect(schema.properties!.seed!.default).toBe('1');
  });

  it('offers the unicast fields: per-site unicast neighbours and the unicast dynamics', () => {
    const routing = schema.properties!.routing!;
    expect(routing.properties!.unicastDynamics).toMatchObject({ default: 'bgp', enum: ['bgp', 'steady-state'] });
    const sites = schema.properties!.pops!.properties!.sites!;
    const site = sites.items!;
    expect(site.properties!.unicastUpstreams!.type).toBe('array');
    expect(site.properties!.unicastPeers!.type).toBe('array');
    expect(site.required).toEqual(['name', 'upstreams']);
  });

  it('rejects unknown fields, as the loader does', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties!.topology!.additionalProperties).toBe(false);
  });

  it('tells editors that a topology names exactly one source', () => {
    expect(schema.properties!.topology).toMatchObject({ minProperties: 1, maxProperties: 1 });
  });

  it('lists every flap type', () => {
    const variants = schema.properties!.flaps!.items!.oneOf!;
    const types = variants.map((variant) => (variant.properties!.type as { const?: string }).const);
    expect(types).toEqual(['pop-withdraw', 'pop-failure', 'silent-death', 'maintenance-drain', 'link-down', 'link-flaps', 'policy-shift', 'server-churn', 'client-flips', 'ddos']);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
