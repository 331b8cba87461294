import type { AddressInfo } from 'node:net';
import type { HttpAdapterHost } from '@nestjs/core';

/**
 * `http://host:port` of the app's HTTP server once it listens; `undefined` before (or for an app
 * without one). A wildcard address (`0.0.0.0`, `::`) is replaced by `wildcardHost`: loopback for
 * a request to this same process, an external address for other machines.
 */
export function listeningOrigin(adapterHost: HttpAdapterHost, wildcardHost: () => string): string | undefined {
  const server = adapterHost.httpAdapter?.getHttpServer() as { address?: () => AddressInfo | string | null } | undefined;
  const address = server?.address?.();
  if (!address || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' || address.address === '::' || address.address === '' ? wildcardHost() : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
