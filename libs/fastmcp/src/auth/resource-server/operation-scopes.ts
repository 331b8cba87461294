import { isJSONRPCRequest } from '@modelcontextprotocol/server';
import type { McpHandlerRef } from '../../registry/mcp-definitions.js';
import type { McpRegistry } from '../../registry/mcp-registry.js';
import type { McpAuthMetadataAccessor } from '../mcp-auth-metadata.accessor.js';

/**
 * The `@McpScopes()` of the items a POSTed JSON-RPC body (one message or a batch) calls, reads
 * or gets: what a per-operation scope challenge must ask for before the body is dispatched.
 */
export function operationScopes(body: unknown, registry: McpRegistry, metadata: McpAuthMetadataAccessor): string[] {
  const scopes = new Set<string>();
  for (const message of Array.isArray(body) ? body : [body]) {
    if (!isJSONRPCRequest(message)) continue;
    for (const scope of metadata.requirementsOf(handlerOf(message.method, message.params, registry)).scopes) scopes.add(scope);
  }
  return [...scopes];
}

function handlerOf(method: string, params: Record<string, unknown> | undefined, registry: McpRegistry): McpHandlerRef | undefined {
  const name = params?.name;
  const uri = params?.uri;
  switch (method) {
    case 'tools/call':
      return typeof name === 'string' ? enabled(registry.tools.get(name)) : undefined;
    case 'prompts/get':
      return typeof name === 'string' ? enabled(registry.prompts.get(name)) : undefined;
    case 'resources/read':
      if (typeof uri !== 'string') return undefined;
      return enabled(registry.resources.get(uri)) ?? registry.resourceTemplates.list().find((template) => template.matcher.match(uri))?.handler;
    default:
      return undefined;
  }
}

function enabled(definition: { enabled: boolean; handler?: McpHandlerRef } | undefined): McpHandlerRef | undefined {
  return definition?.enabled ? definition.handler : undefined;
}
