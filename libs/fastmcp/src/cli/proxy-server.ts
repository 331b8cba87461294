import { createServer, type AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { McpMountOptions } from '../interfaces/mcp-mount-options.interface.js';

/** Who may use the proxy: an HS256 JWT secret (with its issuer), API keys, or both; nobody checks when neither. */
export interface ProxyAuth {
  jwtSecret?: string;
  jwtIssuer?: string;
  /** The audience JWTs must carry; default: the proxy's own URL. */
  resource?: string;
  apiKeys: string[];
}

export interface ProxyServerOptions {
  mount: McpMountOptions;
  port: number;
  host: string;
  auth: ProxyAuth;
}

/**
 * The proxy is an ordinary McpModule app with one mount: our Streamable HTTP endpoint (both
 * eras), our auth in front, and the served server's items under their own names. The
 * library is loaded only here, so the other commands stay a plain client.
 */
export async function startProxyServer(options: ProxyServerOptions): Promise<{ app: INestApplication; url: string }> {
  await import('reflect-metadata');
  const [{ NestFactory }, { McpModule }] = await Promise.all([import('@nestjs/core'), import('../mcp.module.js')]);
  // The endpoint's URL is the tokens' default audience: it must name the real port before the app is built.
  const port = options.port === 0 ? await freePort(options.host) : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/mcp`;
  const imports: unknown[] = [];
  const guards: unknown[] = [];
  const { jwtSecret, jwtIssuer, apiKeys, resource = url } = options.auth;
  if (jwtSecret || apiKeys.length > 0) {
    const auth = await import('../auth/index.js');
    const strategies: string[] = [];
    if (jwtSecret) {
      imports.push(auth.McpJwtModule.forRoot({ secret: jwtSecret, issuer: jwtIssuer! }));
      strategies.push(auth.MCP_JWT_STRATEGY);
    }
    if (apiKeys.length > 0) {
      imports.push(auth.McpApiKeyModule.forRoot({ keys: apiKeys.map((key, i) => ({ id: `key-${i + 1}`, hash: auth.hashMcpApiKey(key) })) }));
      strategies.push(auth.MCP_API_KEY_STRATEGY);
    }
    imports.push(auth.McpAuthModule.forRoot({ resource, authorizationServers: [jwtIssuer ?? resource], strategies }));
    guards.push(auth.McpAuthGuard);
  }
  imports.push(McpModule.forRoot({ name: 'nestjs-fastmcp-proxy', version: '1.0.0', mount: [options.mount], guards: guards as never }));
  class ProxyModule {}
  const app = await NestFactory.create({ module: ProxyModule, imports: imports as never }, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(port, options.host);
  return { app, url };
}

function freePort(host: string): Promise<number> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
