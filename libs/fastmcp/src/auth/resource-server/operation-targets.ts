import { isJSONRPCRequest } from '@modelcontextprotocol/server';
import type { McpRefusedMessage } from '../../access/mcp-access.audit.js';
import type { McpHandlerRef } from '../../common/mcp-catalog.types.js';
import type { McpRegistry } from '../../registry/mcp-registry.js';

/** One call a POSTed body makes, and the item it names. */
export interface McpOperationTarget {
  readonly message: McpRefusedMessage;
  /** The registry key: tool or prompt name, template name, or fixed resource URI. */
  readonly key: string;
  readonly handler?: McpHandlerRef;
}

/**
 * The tools, prompts and resources a POSTed JSON-RPC body (one message or a batch) calls, gets
 * or reads: what an endpoint guard must weigh before the body is dispatched. Items that do
 * not exist (or are disabled) are left out: the dispatch answers them.
 */
export function operationTargets(body: unknown, registry: McpRegistry): McpOperationTarget[] {
  const targets: McpOperationTarget[] = [];
  for (const message of Array.isArray(body) ? body : [body]) {
    if (!isJSONRPCRequest(message)) continue;
    const params = (message.params ?? {}) as Record<string, unknown>;
    const found = itemOf(message.method, params, registry);
    if (found) targets.push({ message: { id: message.id, method: message.method, params }, key: found.key, handler: found.handler });
  }
  return targets;
}

function itemOf(method: string, params: Record<string, unknown>, registry: McpRegistry): { key: string; handler?: McpHandlerRef } | undefined {
  const { name, uri } = params;
  switch (method) {
    case 'tools/call':
      return typeof name === 'string' ? enabled(registry.tools.get(name)) : undefined;
    case 'prompts/get':
      return typeof name === 'string' ? enabled(registry.prompts.get(name)) : undefined;
    case 'resources/read':
      return typeof uri === 'string' ? registry.resolveResource(uri)?.definition : undefined;
    default:
      return undefined;
  }
}

function enabled<D extends { enabled: boolean }>(definition: D | undefined): D | undefined {
  return definition?.enabled ? definition : undefined;
}
