import type { IncomingMessage } from 'node:http';
import { localhostAllowedHostnames, localhostAllowedOrigins, validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import { VerdictMemory } from '../common/verdict-memory.js';

export interface DnsRebindingPolicy {
  /** Host names a request may address. Default: the localhost names when the request arrived on a loopback address. */
  allowedHosts?: string[];
  /** Origin host names a browser request may come from. Default: localhost origins only. */
  allowedOrigins?: string[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCALHOST_HOSTS = localhostAllowedHostnames();
const LOCALHOST_ORIGINS = localhostAllowedOrigins();

/** Violations by allow-list and header value: each check parses a URL, and clients send the same few values. */
const verdicts = new WeakMap<readonly string[], VerdictMemory<string | undefined>>();

function remembered(allowed: readonly string[], header: string, check: () => string | undefined): string | undefined {
  let memory = verdicts.get(allowed);
  if (!memory) verdicts.set(allowed, (memory = new VerdictMemory()));
  return memory.verdict(header, check);
}

/**
 * DNS-rebinding protection (spec 2025-11-25 basic/transports, "Security Warning"): a web page
 * must not reach a local MCP server through a hostile name, so `Host` is checked against the
 * allowed names and any `Origin` against the allowed origins. Returns why a request is
 * refused, or `undefined` to let it through.
 */
export function dnsRebindingViolation(req: IncomingMessage, policy: DnsRebindingPolicy): string | undefined {
  const hosts = policy.allowedHosts ?? (LOOPBACK.has(req.socket.localAddress ?? '') ? LOCALHOST_HOSTS : undefined);
  const { host, origin } = req.headers;
  if (hosts) {
    const check = () => {
      const result = validateHostHeader(host, hosts);
      return result.ok ? undefined : result.message;
    };
    const violation = host ? remembered(hosts, host, check) : check();
    if (violation) return violation;
  }
  if (origin !== undefined) {
    const origins = policy.allowedOrigins ?? LOCALHOST_ORIGINS;
    return remembered(origins, origin, () => {
      const result = validateOriginHeader(origin, origins);
      return result.ok ? undefined : result.message;
    });
  }
  return undefined;
}
