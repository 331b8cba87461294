import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MCP_AUTH_OPTIONS, type ResolvedMcpAuthOptions } from './mcp-auth.module-definition.js';

const WELL_KNOWN = '/.well-known/oauth-protected-resource';

/**
 * RFC 9728 Protected Resource Metadata, at the path-aware location the 401 challenge points to
 * (`/.well-known/oauth-protected-resource/mcp`) and at the root one, which MCP clients try next
 * (spec 2025-11-25, "Protected Resource Metadata Discovery Requirements"). Public by nature, so
 * served as plain routes of the HTTP adapter: no global prefix, and none of the app's guards
 * (a global `AuthGuard` would otherwise refuse the very document that tells clients how to
 * authenticate).
 */
@Injectable()
export class ProtectedResourceRoutes implements OnModuleInit {
  constructor(
    @Inject(MCP_AUTH_OPTIONS) private readonly options: ResolvedMcpAuthOptions,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    const pathAware = new URL(this.options.resourceMetadataUrl).pathname;
    const serve = (_req: unknown, res: unknown) => {
      adapter.setHeader(res, 'Access-Control-Allow-Origin', '*');
      adapter.setHeader(res, 'Cache-Control', 'public, max-age=3600');
      adapter.reply(res, this.options.metadata, 200);
    };
    for (const path of new Set([pathAware, WELL_KNOWN])) adapter.get(path, serve);
  }
}
