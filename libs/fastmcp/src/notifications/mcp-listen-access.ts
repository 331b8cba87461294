import { Injectable } from '@nestjs/common';
import { McpAccessAudit, type McpRefusedMessage } from '../access/mcp-access.audit.js';
import { McpAccessGate } from '../access/mcp-access.gate.js';
import type { McpHttpRequest } from '../common/mcp-http-request.js';
import { McpRegistry } from '../registry/mcp-registry.js';

interface ListenRequest extends McpRefusedMessage {
  readonly params: { notifications: { resourceSubscriptions?: unknown[] } & Record<string, unknown> } & Record<string, unknown>;
}

/**
 * The access policy on 2026-07-28 `subscriptions/listen` (SEP-2575): the SDK entry serves the
 * stream and honours every resource URI it is asked for, so the request it is handed names only
 * resources the caller may read. An unknown URI and a hidden one are both left out of the honoured
 * subset the acknowledgement lists (a hidden one is audited): neither tells the other apart.
 */
@Injectable()
export class McpListenAccess {
  constructor(
    private readonly registry: McpRegistry,
    private readonly access: McpAccessGate,
    private readonly audit: McpAccessAudit,
  ) {}

  /** Whether a body may need narrowing: cheap, for every modern request. */
  static applies(body: unknown): boolean {
    return typeof body === 'object' && body !== null && (body as { method?: unknown }).method === 'subscriptions/listen';
  }

  /** The body to hand the SDK entry: the same one, or a copy whose resource subscriptions the caller may all read. */
  async narrow(body: unknown, req: McpHttpRequest): Promise<unknown> {
    if (!isListenRequest(body)) return body;
    const requested = body.params.notifications.resourceSubscriptions;
    if (!Array.isArray(requested)) return body;
    const kept: unknown[] = [];
    for (const uri of requested) {
      // Not a string: the SDK's own validation answers it.
      if (typeof uri !== 'string') {
        kept.push(uri);
        continue;
      }
      const resource = this.registry.resolveResource(uri);
      if (!resource) continue;
      if (await this.access.allowsUser(resource.kind, resource.definition, req.user)) kept.push(uri);
      else this.audit.deniedOverHttp(req, body, resource.definition.key, 'not permitted by the access policy (not honoured)', 'Subscription not honoured');
    }
    if (kept.length === requested.length) return body;
    const { notifications } = body.params;
    return { ...body, params: { ...body.params, notifications: { ...notifications, resourceSubscriptions: kept } } };
  }
}

function isListenRequest(body: unknown): body is ListenRequest {
  if (!McpListenAccess.applies(body)) return false;
  const params = (body as { params?: unknown }).params as { notifications?: unknown } | undefined;
  return typeof params === 'object' && params !== null && typeof params.notifications === 'object' && params.notifications !== null && 'id' in (body as object);
}
