import { ConfigurableModuleBuilder } from '@nestjs/common';
import {
  buildOAuthProtectedResourceMetadata,
  getOAuthProtectedResourceMetadataUrl,
  resourceUrlFromServerUrl,
  type OAuthMetadata,
  type OAuthProtectedResourceMetadata,
} from '@modelcontextprotocol/server';
import { MCP_JWT_STRATEGY } from '../mcp-auth.constants.js';
import type { McpAuthModuleOptions } from './mcp-auth-options.interface.js';
import { McpConfigurationError } from '../../errors/mcp-configuration.error.js';
import { optionRequired } from '../../errors/mcp.messages.js';

export const {
  ConfigurableModuleClass: McpAuthConfigurableModule,
  MODULE_OPTIONS_TOKEN: MCP_AUTH_MODULE_OPTIONS,
  OPTIONS_TYPE: MCP_AUTH_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: MCP_AUTH_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<McpAuthModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

/** @publicApi */
export const MCP_AUTH_OPTIONS = Symbol('MCP_AUTH_OPTIONS');

/** @publicApi */
export interface ResolvedMcpAuthOptions {
  /** The resource identifier, fragment removed (RFC 8707 section 2). */
  readonly resource: URL;
  /** Where the RFC 9728 document is served: `/.well-known/oauth-protected-resource` + the resource's path. */
  readonly resourceMetadataUrl: string;
  readonly metadata: OAuthProtectedResourceMetadata;
  readonly strategies: readonly string[];
  readonly requiredScopes: readonly string[];
  readonly scopesSupported: readonly string[];
}

export function resolveMcpAuthOptions(options: McpAuthModuleOptions): ResolvedMcpAuthOptions {
  if (!options?.resource) throw new McpConfigurationError('McpAuthModule', 'resource', optionRequired('McpAuthModule', 'resource', "this server's public MCP URL, RFC 8707"));
  if (!options.authorizationServers?.length) {
    throw new McpConfigurationError('McpAuthModule', 'authorizationServers', optionRequired('McpAuthModule', 'authorizationServers', 'at least one issuer URL'));
  }
  const resource = resourceUrlFromServerUrl(options.resource);
  // The SDK's builder validates each issuer (HTTPS outside localhost, no query or fragment).
  const [metadata] = options.authorizationServers.map((issuer) =>
    buildOAuthProtectedResourceMetadata({
      oauthMetadata: { issuer } as OAuthMetadata,
      resourceServerUrl: resource,
      scopesSupported: options.scopesSupported,
      resourceName: options.resourceName,
      serviceDocumentationUrl: options.resourceDocumentation ? new URL(options.resourceDocumentation) : undefined,
      dangerouslyAllowInsecureIssuerUrl: options.dangerouslyAllowInsecureIssuerUrl,
    }),
  );
  return {
    resource,
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resource),
    metadata: JSON.parse(
      JSON.stringify({ ...metadata, authorization_servers: options.authorizationServers, bearer_methods_supported: ['header'] }),
    ) as OAuthProtectedResourceMetadata,
    strategies: options.strategies ?? [MCP_JWT_STRATEGY],
    requiredScopes: options.requiredScopes ?? [],
    scopesSupported: options.scopesSupported ?? [],
  };
}
