import { ProtocolError } from '@modelcontextprotocol/server';
import type { McpObservedRequest } from '../execution/mcp-request-observers.js';
import type { McpRegistry } from '../registry/mcp-registry.js';

/** The label value of a name the registry does not hold: keeps a metric's series bounded. */
export const UNKNOWN_LABEL = '_unknown';

/** `error.type` of an error that is neither a JSON-RPC error nor a tool's error result (semconv "_OTHER"). */
export const OTHER_ERROR = '_OTHER';

/** What an MCP request works on, named only from the registry (a name a client made up is `_unknown`). */
export interface McpOperationTarget {
  /** The tool, prompt, resource template or fixed resource URI; `undefined` for list methods. */
  readonly name: string | undefined;
  /** Which of them: the OpenTelemetry attribute (`gen_ai.tool.name` …) it goes in. */
  readonly kind: 'tool' | 'prompt' | 'resource' | undefined;
}

const NONE: McpOperationTarget = { name: undefined, kind: undefined };

/** The registered item a request names, if it names one. */
export function operationTarget(request: McpObservedRequest, registry: McpRegistry): McpOperationTarget {
  const params = request.params;
  switch (request.method) {
    case 'tools/call': {
      const name = params?.name;
      return { name: typeof name === 'string' && registry.tools.get(name) ? name : UNKNOWN_LABEL, kind: 'tool' };
    }
    case 'prompts/get': {
      const name = params?.name;
      return { name: typeof name === 'string' && registry.prompts.get(name) ? name : UNKNOWN_LABEL, kind: 'prompt' };
    }
    case 'resources/read':
    case 'resources/subscribe':
    case 'resources/unsubscribe': {
      const uri = params?.uri;
      const resolved = typeof uri === 'string' ? registry.resolveResource(uri) : undefined;
      const name = resolved?.kind === 'resourceTemplate' ? resolved.definition.descriptor.uriTemplate : resolved?.definition.key;
      return { name: name ?? UNKNOWN_LABEL, kind: 'resource' };
    }
    default:
      return NONE;
  }
}

/**
 * `error.type` of a request's outcome (OpenTelemetry MCP conventions): the JSON-RPC error code
 * the client got, `tool_error` for a tool result with `isError: true`, `undefined` on success.
 */
export function errorTypeOf(result: unknown, error: unknown): string | undefined {
  if (error !== undefined) return error instanceof ProtocolError ? String(error.code) : OTHER_ERROR;
  return (result as { isError?: unknown } | undefined)?.isError === true ? 'tool_error' : undefined;
}

