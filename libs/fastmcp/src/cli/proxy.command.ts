import { Command, InvalidArgumentError } from 'commander';
import { collect } from './call-arguments.js';
import type { CliContext } from './cli-context.js';
import { CliUsageError } from './cli-errors.js';
import { parseHeaders, parseHttpUrl } from './cli-target.js';
import type { startProxyServer } from './proxy-server.js';

interface ProxyFlags {
  port: number;
  host: string;
  header?: string[];
  bearerSecret?: string;
  issuer?: string;
  resource?: string;
  apiKey?: string[];
}

/**
 * `proxy <url>` or `proxy -- <command>`: serves one MCP server (remote, or a stdio child) over
 * this library's Streamable HTTP endpoint, with its auth in front. Runs until interrupted.
 */
export function proxyCommand(context: CliContext): Command {
  return new Command('proxy')
    .description('serve one MCP server (a URL, or a stdio command after --) over Streamable HTTP, with auth in front')
    .usage('[options] <url>\n       nestjs-fastmcp proxy [options] -- <command> [args...]')
    .argument('[url]', "the served server's Streamable HTTP URL; leave it out when its command follows --")
    .option('--port <port>', 'port to listen on (0: any free port)', port, 3000)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-H, --header <header>', "HTTP header sent with every request to the served server (repeatable)", collect)
    .option('--bearer-secret <secret>', 'accept HS256 JWTs signed with this secret (needs --issuer; the audience is the proxy URL)')
    .option('--issuer <issuer>', 'the iss the JWTs must carry')
    .option('--resource <url>', 'the aud the JWTs must carry (default: the proxy URL)')
    .option('--api-key <key>', 'accept this API key (x-api-key or Authorization: Bearer; repeatable)', collect)
    .action(async (target: string | undefined, flags: ProxyFlags) => {
      if (target && context.serverCommand) throw new CliUsageError('give the served server as a URL or as a command after --, not both');
      if (!target && !context.serverCommand?.length) throw new CliUsageError("missing the served server: its URL, or its command after --");
      if (flags.bearerSecret && !flags.issuer) throw new CliUsageError('--bearer-secret needs --issuer: tokens are checked for the issuer that minted them');
      const headers = parseHeaders(flags.header ?? []);
      const [command, ...args] = context.serverCommand ?? [];
      const mount = target ? { prefix: '', url: parseHttpUrl(target).href, headers } : { prefix: '', command: command!, args };
      const start = await loadProxyServer(Boolean(flags.bearerSecret || flags.apiKey?.length));
      const { app, url } = await start({
        mount,
        port: flags.port,
        host: flags.host,
        auth: { jwtSecret: flags.bearerSecret, jwtIssuer: flags.issuer, resource: flags.resource, apiKeys: flags.apiKey ?? [] },
      });
      const guarded = flags.bearerSecret || flags.apiKey?.length ? '' : ' (no auth: anyone who can reach it may use it)';
      context.stderr.write(`proxy: serving ${target ?? context.serverCommand!.join(' ')} at ${url}${guarded}\n`);
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await app.close();
    });
}

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new InvalidArgumentError('expected a port number (0-65535)');
  return value;
}

// The packages a Nest app of the library needs, and those its auth module adds.
const APP_PACKAGES = ['@nestjs/common', '@nestjs/core', '@nestjs/platform-express', 'reflect-metadata', 'rxjs', 'zod', 'class-validator', 'class-transformer'];
const AUTH_PACKAGES = ['passport', '@nestjs/passport', 'passport-jwt', 'passport-strategy'];
// Held in a variable on purpose: the proxy is the one command that runs a Nest app, whose
// packages are the library's peers, which `npx nestjs-fastmcp` does not install. The other
// commands must never load them; this one checks for them first and says what to install.
const PROXY_SERVER_MODULE = './proxy-server.js';

async function loadProxyServer(withAuth: boolean): Promise<typeof startProxyServer> {
  const missing = [...APP_PACKAGES, ...(withAuth ? AUTH_PACKAGES : [])].filter((name) => !resolvable(name));
  if (missing.length > 0) {
    throw new CliUsageError(`proxy runs a NestJS app and needs ${missing.join(', ')}: run it where they are installed (npm i ${missing.join(' ')})`);
  }
  const module = (await import(PROXY_SERVER_MODULE)) as typeof import('./proxy-server.js');
  return module.startProxyServer;
}

function resolvable(name: string): boolean {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}
