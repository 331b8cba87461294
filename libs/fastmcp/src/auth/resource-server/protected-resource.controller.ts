import { Controller, Get, Header, Inject, NotFoundException, Param, SetMetadata } from '@nestjs/common';
import type { OAuthProtectedResourceMetadata } from '@modelcontextprotocol/server';
import { MCP_PUBLIC_METADATA } from '../mcp-auth.constants.js';
import { MCP_AUTH_OPTIONS, type ResolvedMcpAuthOptions } from './mcp-auth.module-definition.js';

/**
 * RFC 9728 Protected Resource Metadata, at the path-aware location the 401 challenge points to
 * (`/.well-known/oauth-protected-resource/mcp`) and at the root one, which MCP clients try next
 * (spec 2025-11-25, "Protected Resource Metadata Discovery Requirements"). Public by nature.
 */
@SetMetadata(MCP_PUBLIC_METADATA, true)
@Controller('.well-known/oauth-protected-resource')
export class ProtectedResourceController {
  private readonly resourcePath: string;

  constructor(@Inject(MCP_AUTH_OPTIONS) private readonly options: ResolvedMcpAuthOptions) {
    this.resourcePath = new URL(options.resourceMetadataUrl).pathname.replace('/.well-known/oauth-protected-resource', '');
  }

  @Get()
  @Header('Access-Control-Allow-Origin', '*')
  root(): OAuthProtectedResourceMetadata {
    return this.options.metadata;
  }

  @Get('*path')
  @Header('Access-Control-Allow-Origin', '*')
  forPath(@Param('path') path: string | string[]): OAuthProtectedResourceMetadata {
    const requested = `/${([] as string[]).concat(path).join('/')}`.replace(/\/$/, '');
    if (requested !== this.resourcePath) throw new NotFoundException();
    return this.options.metadata;
  }
}
