// `nestjs-fastmcp`: the module, the decorators and what handlers, guards and apps use.

// Module and options
export { McpModule } from './mcp.module.js';
export * from './interfaces/index.js';
export { MCP_CONTEXT_TYPE } from './common/mcp.constants.js';

// Decorators
export { McpTool } from './decorators/mcp-tool.decorator.js';
export { McpResource } from './decorators/mcp-resource.decorator.js';
export { McpPrompt } from './decorators/mcp-prompt.decorator.js';
export { McpComplete } from './decorators/mcp-complete.decorator.js';
export { McpArgs, McpCtx } from './decorators/mcp-params.decorator.js';
export { McpRoles } from './decorators/mcp-roles.decorator.js';
export { McpScopes } from './decorators/mcp-scopes.decorator.js';
export { McpCallsOnly } from './decorators/mcp-calls-only.decorator.js';
export { McpAlsoOnCalls } from './decorators/mcp-also-on-calls.decorator.js';
export {
  tool,
  prompt,
  type McpTypedToolOptions,
  type McpTypedPromptOptions,
  type McpTypedMethodDecorator,
  type McpTypedArgs,
  type McpToolReturn,
} from './decorators/typed-handler-options.js';
export { McpUser } from './access/mcp-user.decorator.js';

// Handlers and the Nest pipeline
export { McpExecutionContext } from './execution/mcp-execution-context.js';
export { McpContent } from './content/mcp-content.js';
export { getMcpUser } from './access/get-mcp-user.js';
export { rolesOf, scopesOf, type McpPrincipal } from './access/mcp-principal.js';
export { principalId } from './common/principal.js';

// Errors
export { McpUserError } from './errors/mcp-user-error.js';
export { McpClientCapabilityError } from './errors/mcp-client-capability.error.js';
export { McpBootstrapError } from './errors/mcp-bootstrap-error.js';
export { McpConfigurationError } from './errors/mcp-configuration.error.js';

// Catalog, access and events at runtime
export { McpRegistry } from './registry/mcp-registry.js';
export type { McpCatalogKind, McpHandlerRef } from './common/mcp-catalog.types.js';
export { McpDeclarativeAccessPolicy } from './access/mcp-declarative-access.policy.js';
export { McpAuthMetadataAccessor, type McpAccessRequirements } from './access/mcp-access-metadata.accessor.js';
export { McpEvents } from './events/mcp-events.js';
export type { McpEventMap, McpEventName, McpCallerInfo, McpCallOutcome } from './events/mcp-event-map.js';
export { McpNotifier } from './notifications/mcp-notifier.js';
export { MCP_EVENT_BUS, MCP_SHARED_EVENT_BUS } from './notifications/mcp-event-bus.provider.js';
export { DEFAULT_REDACTED_FIELDS, McpLogRedactor } from './redaction/log-redactor.js';

// Sessions
export { McpSessionManager, type McpSession } from './sessions/mcp-session-manager.js';
export { MCP_SESSION_STORE, MCP_SHARED_SESSION_STORE, type McpSessionStore, type McpStoredSession } from './sessions/mcp-session-store.js';
export { MCP_SESSION_ROUTER, type McpSessionRouter } from './sessions/mcp-session-router.js';
export { MCP_EVENT_STORE } from './sessions/mcp-event-store.provider.js';
export { InMemoryEventStore } from './sessions/in-memory-event-store.js';
export { McpStdioLogger } from './transports/stdio/mcp-stdio.logger.js';

// Tasks
export { InMemoryTaskStore, McpTaskLimitError } from './tasks/in-memory-task-store.js';
export { McpTaskCancelledError } from './tasks/task-cancelled.error.js';
export { MCP_TASKS_EXTENSION } from './common/mcp-tasks.constants.js';
