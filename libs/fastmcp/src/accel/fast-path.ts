import type { ResolvedMcpOptions } from '../options/mcp-options.js';
import { TaskAwareServer } from '../server/mcp-sdk.server.js';
import { PerRequestHttpTransport } from './dispatch/per-request-http.transport.js';
import { SessionHttpTransport } from './dispatch/session-http.transport.js';

let sdkSupport: boolean | undefined;

/**
 * Whether requests may skip the SDK's web `Request`/`Response` layer (the `fastPath` option,
 * default on): only when this SDK build still has the transport internals the direct answers
 * rely on, checked once.
 */
export function fastPathEnabled(options: Pick<ResolvedMcpOptions, 'fastPath'>): boolean {
  sdkSupport ??= SessionHttpTransport.sdkSupportsDirect() && PerRequestHttpTransport.sdkSupportsDirect() && TaskAwareServer.supportsDirectDispatch();
  return options.fastPath !== false && sdkSupport;
}
