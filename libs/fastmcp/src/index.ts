export { McpModule } from './mcp.module.js';
export { MCP_MODULE_OPTIONS } from './mcp.module-definition.js';
export { MCP_CONTEXT_TYPE } from './common/mcp.constants.js';
export * from './interfaces/index.js';
export { McpTool } from './decorators/mcp-tool.decorator.js';
export { McpResource } from './decorators/mcp-resource.decorator.js';
export { McpPrompt } from './decorators/mcp-prompt.decorator.js';
export { McpArgs, McpCtx } from './decorators/mcp-params.decorator.js';
export { McpComplete } from './decorators/mcp-complete.decorator.js';
export { McpCallsOnly } from './decorators/mcp-calls-only.decorator.js';
export { McpAlsoOnCalls } from './decorators/mcp-also-on-calls.decorator.js';
export type {
  McpContext,
  McpAskOptions,
  McpElicitation,
  McpElicitSchema,
  McpHttpRequest,
  McpLogger,
  McpLogLevel,
  McpSampleOptions,
  McpTraceContext,
} from './interfaces/mcp-context.interface.js';
export { McpClientCapabilityError } from './errors/mcp-client-capability.error.js';
export { McpExecutionContext } from './execution/mcp-execution-context.js';
export { McpUserError } from './errors/mcp-user-error.js';
export { McpBootstrapError } from './errors/mcp-bootstrap-error.js';
export { McpContent } from './content/mcp-content.js';
export { McpRegistry } from './registry/mcp-registry.js';
export type { McpCatalogKind } from './registry/mcp-definitions.js';
export { McpSessionManager, type McpSession } from './sessions/mcp-session-manager.js';
export { MCP_SESSION_STORE, principalId, type McpSessionStore, type McpStoredSession } from './sessions/mcp-session-store.js';
export { McpEvents } from './events/mcp-events.js';
export { McpNotifier } from './notifications/mcp-notifier.js';
export { MCP_EVENT_BUS } from './notifications/mcp-event-bus.provider.js';
export { MCP_EVENT_STORE } from './sessions/mcp-event-store.provider.js';
export { InMemoryEventStore } from './sessions/in-memory-event-store.js';
export type { McpEventMap, McpEventName, McpCallerInfo, McpCallOutcome } from './events/mcp-event-map.js';
export { McpStdioLogger } from './transports/stdio/mcp-stdio.logger.js';
export { McpRoles } from './decorators/mcp-roles.decorator.js';
export { McpScopes } from './decorators/mcp-scopes.decorator.js';
export { McpUser } from './access/mcp-user.decorator.js';
export { getMcpUser } from './access/get-mcp-user.js';
export { rolesOf, scopesOf, type McpPrincipal } from './access/mcp-principal.js';
export { McpAccessPolicy, type McpAccessTarget } from './interfaces/mcp-access-policy.interface.js';
export { McpDeclarativeAccessPolicy } from './access/mcp-declarative-access.policy.js';
export { McpAuthMetadataAccessor, type McpAccessRequirements } from './access/mcp-access-metadata.accessor.js';
export { DEFAULT_REDACTED_FIELDS, McpLogRedactor } from './redaction/log-redactor.js';
export type { McpHandlerRef } from './registry/mcp-definitions.js';
export { MCP_TASK_STORE, type McpTaskStore } from './interfaces/mcp-task-store.interface.js';
export { InMemoryTaskStore, McpTaskLimitError } from './tasks/in-memory-task-store.js';
export type { McpTask, McpTaskError, McpTaskOwner, McpTaskPatch, McpTaskStatus } from './interfaces/mcp-task.interface.js';
export { McpTaskCancelledError } from './tasks/task-cancelled.error.js';
export { MCP_TASKS_EXTENSION } from './tasks/mcp-tasks.constants.js';
