import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { McpAccessAudit } from './access/mcp-access.audit.js';
import { McpAccessGate } from './access/mcp-access.gate.js';
import { McpDeclarativeAccessPolicy } from './access/mcp-declarative-access.policy.js';
import { McpMetadataAccessor } from './discovery/mcp-metadata.accessor.js';
import { McpExplorer } from './discovery/mcp.explorer.js';
import { McpEvents } from './events/mcp-events.js';
import { McpCallGuards } from './execution/mcp-call-guards.js';
import { McpContextFactory } from './execution/mcp-context.factory.js';
import { McpErrorMapper } from './execution/mcp-error.mapper.js';
import { McpHandlerFactory } from './execution/mcp-handler.factory.js';
import { McpRequestObservers } from './execution/mcp-request-observers.js';
import { McpRequestStateCodec } from './execution/request-state.codec.js';
import { McpAccessPolicy } from './interfaces/mcp-access-policy.interface.js';
import { MCP_MODULE_OPTIONS, McpConfigurableModule } from './mcp.module-definition.js';
import { defaultEventBusProvider, MCP_EVENT_BUS } from './notifications/mcp-event-bus.provider.js';
import { McpListenAccess } from './notifications/mcp-listen-access.js';
import { McpNotifier } from './notifications/mcp-notifier.js';
import { MCP_OPTIONS, resolveMcpOptions, type ResolvedMcpOptions } from './options/mcp-options.js';
import { McpLogRedactor } from './redaction/log-redactor.js';
import { McpRegistry } from './registry/mcp-registry.js';
import { McpMountOrchestrator } from './mount/mcp-mount.orchestrator.js';
import { CompletionHandler } from './server/handlers/completion.handler.js';
import { PromptsHandler } from './server/handlers/prompts.handler.js';
import { ResourcesHandler } from './server/handlers/resources.handler.js';
import { ToolsHandler } from './server/handlers/tools.handler.js';
import { McpServerFactory } from './server/mcp-server.factory.js';
import { defaultEventStoreProvider, MCP_EVENT_STORE } from './sessions/mcp-event-store.provider.js';
import { McpRequestsInFlight } from './sessions/mcp-requests-in-flight.js';
import { McpSessionManager } from './sessions/mcp-session-manager.js';

/**
 * The core of the MCP server, whatever serves it: options, the catalog and its discovery, the
 * Nest pipeline around handlers, access decisions, events, sessions and the SDK servers. Global,
 * like `@nestjs/typeorm`'s core module: the transports, tasks and the fast path build on it.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: MCP_OPTIONS, useFactory: resolveMcpOptions, inject: [MCP_MODULE_OPTIONS] },
    { provide: McpErrorMapper, useFactory: (options: ResolvedMcpOptions) => new McpErrorMapper(options.maskErrors), inject: [MCP_OPTIONS] },
    { provide: McpAccessPolicy, useFactory: (options: ResolvedMcpOptions) => options.accessPolicy ?? new McpDeclarativeAccessPolicy(), inject: [MCP_OPTIONS] },
    { provide: McpLogRedactor, useFactory: (options: ResolvedMcpOptions) => new McpLogRedactor(options.redactFields), inject: [MCP_OPTIONS] },
    McpAccessGate,
    McpAccessAudit,
    McpMetadataAccessor,
    McpExplorer,
    McpCallGuards,
    McpHandlerFactory,
    McpRegistry,
    McpEvents,
    defaultEventBusProvider,
    defaultEventStoreProvider,
    McpNotifier,
    McpListenAccess,
    McpContextFactory,
    McpRequestStateCodec,
    ToolsHandler,
    ResourcesHandler,
    PromptsHandler,
    CompletionHandler,
    McpServerFactory,
    McpSessionManager,
    McpRequestsInFlight,
    McpRequestObservers,
    McpMountOrchestrator,
  ],
  exports: [
    MCP_OPTIONS,
    McpRegistry,
    McpSessionManager,
    McpRequestsInFlight,
    McpEvents,
    McpNotifier,
    MCP_EVENT_BUS,
    MCP_EVENT_STORE,
    McpAccessPolicy,
    McpAccessGate,
    McpAccessAudit,
    McpCallGuards,
    McpContextFactory,
    McpRequestStateCodec,
    McpServerFactory,
    McpListenAccess,
    McpLogRedactor,
    McpRequestObservers,
  ],
})
export class McpCoreModule extends McpConfigurableModule {}
