import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { McpEvents } from '../events/mcp-events.js';
import { MCP_DATA_SOURCE } from '../persistence/mcp-persistence.constants.js';
import { ADMIN_CALL_LOG } from './calls/admin-tool-call.js';
import { AuditTableCallLog, type AuditDataSource } from './calls/audit-table-call-log.js';
import { MemoryCallLog } from './calls/memory-call-log.js';
import { AdminCatalogView } from './catalog/admin-catalog.view.js';
import { createAdminController, mapAdminRoutes } from './http/mcp-admin.controller.js';
import { McpAdminGuard } from './http/mcp-admin.guard.js';
import {
  MCP_ADMIN_ASYNC_OPTIONS_TYPE,
  MCP_ADMIN_MODULE_OPTIONS,
  MCP_ADMIN_OPTIONS,
  MCP_ADMIN_OPTIONS_TYPE,
  McpAdminConfigurableModule,
  resolveAdminOptions,
  type ResolvedMcpAdminOptions,
} from './mcp-admin.module-definition.js';
import { AdminSessionsView } from './sessions/admin-sessions.view.js';

const ROUTES = Symbol('MCP_ADMIN_ROUTES');

/**
 * An admin page for the MCP server: live sessions, recent tool calls and their latency, and the
 * catalog with switches that take effect at once. Import it next to `McpModule`:
 *
 * ```ts
 * McpAdminModule.forRoot({ path: '/admin', guards: [AdminGuard] })
 * ```
 *
 * Tool calls come from the audit table when `McpPersistenceModule` is imported, from memory
 * otherwise.
 *
 * @publicApi
 */
@Module({})
export class McpAdminModule extends McpAdminConfigurableModule {
  static override forRoot(options: typeof MCP_ADMIN_OPTIONS_TYPE): DynamicModule {
    return McpAdminModule.withRoutes(super.forRoot(options));
  }

  static override forRootAsync(options: typeof MCP_ADMIN_ASYNC_OPTIONS_TYPE): DynamicModule {
    return McpAdminModule.withRoutes(super.forRootAsync(options));
  }

  private static withRoutes(definition: DynamicModule): DynamicModule {
    const controller: Type = createAdminController();
    const providers: Provider[] = [
      { provide: MCP_ADMIN_OPTIONS, useFactory: resolveAdminOptions, inject: [MCP_ADMIN_MODULE_OPTIONS] },
      {
        provide: ADMIN_CALL_LOG,
        useFactory: (options: ResolvedMcpAdminOptions, events: McpEvents, dataSource?: AuditDataSource) =>
          dataSource ? new AuditTableCallLog(dataSource) : new MemoryCallLog(options, events),
        inject: [MCP_ADMIN_OPTIONS, McpEvents, { token: MCP_DATA_SOURCE, optional: true }],
      },
      AdminSessionsView,
      AdminCatalogView,
      McpAdminGuard,
      { provide: ROUTES, useFactory: (options: ResolvedMcpAdminOptions) => mapAdminRoutes(controller, options), inject: [MCP_ADMIN_OPTIONS] },
    ];
    return { ...definition, controllers: [controller], providers: [...(definition.providers ?? []), ...providers] };
  }
}
