import type { IncomingMessage } from 'node:http';
import { localhostAllowedHostnames, localhostAllowedOrigins, validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';

export interface DnsRebindingPolicy {
  /** Host names a request may address. Default: the localhost names when the request arrived on a loopback address. */
  allowedHosts?: string[];
  /** Origin host names a browser request may come from. Default: localhost origins only. */
  allowedOrigins?: string[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * DNS-rebinding protection (spec 2025-11-25 basic/transports, "Security Warning"): a web page
 * must not reach a local MCP server through a hostile name, so `Host` is checked against the
 * allowed names and any `Origin` against the allowed origins. Returns why a request is
 * refused, or `undefined` to let it through.
 */
export function dnsRebindingViolation(req: IncomingMessage, policy: DnsRebindingPolicy): string | undefined {
  const hosts = policy.allowedHosts ?? (LOOPBACK.has(req.socket.localAddress ?? '') ? localhostAllowedHostnames() : undefined);
  if (hosts) {
    const host = validateHostHeader(req.headers.host, hosts);
    if (!host.ok) return host.message;
  }
  if (req.headers.origin !== undefined) {
    const origin = validateOriginHeader(req.headers.origin, policy.allowedOrigins ?? localhostAllowedOrigins());
    if (!origin.ok) return origin.message;
  }
  return undefined;
}
