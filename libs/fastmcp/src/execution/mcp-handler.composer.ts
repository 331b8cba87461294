import type { ContextIdFactory } from '@nestjs/core';
import type { McpInvoker } from '../registry/mcp-definitions.js';

type ContextId = ReturnType<typeof ContextIdFactory.create>;

/** Injection token of the fast path's offer to compose MCP handlers; absent with `fastPath: false`. */
export const MCP_HANDLER_COMPOSER = Symbol('MCP_HANDLER_COMPOSER');

/**
 * All `McpHandlerFactory` knows of the fast path: it may compose a handler's Nest pipeline
 * itself (guards, interceptors, pipes and filters with Nest's contract, at less cost per call),
 * or decline with `undefined` and leave it to Nest's own `ExternalContextCreator`.
 */
export interface McpHandlerComposer {
  compose(instance: object, methodName: string, contextId?: ContextId, inquirerId?: string): McpInvoker | undefined;
}
