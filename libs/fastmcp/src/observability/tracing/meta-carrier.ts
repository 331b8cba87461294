import type { TextMapGetter } from '@opentelemetry/api';

type Meta = Readonly<Record<string, unknown>>;

/**
 * Reads trace context from a request's `params._meta`, where MCP clients put `traceparent`,
 * `tracestate` and `baggage` (OpenTelemetry MCP conventions, "Context propagation").
 */
export const metaGetter: TextMapGetter<Meta> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    return typeof value === 'string' ? value : undefined;
  },
};
