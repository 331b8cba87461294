import {
  Client,
  LOG_LEVEL_META_KEY,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type LoggingLevel,
  type Transport,
  type VersionNegotiationMode,
} from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CliUsageError } from './cli-errors.js';
import type { McpTarget } from './cli-target.js';
import { classify } from './failure-classifier.js';

/** The protocol revisions `--era` accepts. */
export const ERAS = ['2025-11-25', '2026-07-28'] as const;
export type Era = (typeof ERAS)[number];

export interface ConnectionOptions {
  headers: Record<string, string>;
  /** Absent: probe with `server/discover`, fall back to the 2025 handshake (the client's 'auto' mode). */
  era?: Era;
  /** Speaks the legacy HTTP+SSE transport (GET the URL for events, POST to the endpoint it names). */
  sse?: boolean;
  /** Streams the child's stderr live; otherwise it is kept and shown only when the child fails. */
  serverStderr?: boolean;
  clientVersion: string;
}

// The client's modes: 'legacy' is the plain 2025-11-25 initialize handshake, a pin selects the
// stateless 2026-07-28 era and fails when the server does not offer it.
const NEGOTIATION: Record<Era, VersionNegotiationMode> = { '2025-11-25': 'legacy', '2026-07-28': { pin: '2026-07-28' } };

/** One MCP conversation of the command, over HTTP or with a child process. */
export class McpConnection {
  private stderrTail = '';

  private constructor(
    readonly client: Client,
    readonly target: McpTarget,
    readonly sse: boolean,
  ) {}

  static async open(target: McpTarget, options: ConnectionOptions): Promise<McpConnection> {
    if (target.kind === 'stdio' && Object.keys(options.headers).length > 0) {
      throw new CliUsageError('--header applies to HTTP servers: a server started after -- has no HTTP requests to carry it');
    }
    if (options.sse && target.kind !== 'http') throw new CliUsageError('--sse applies to HTTP servers');
    // HTTP+SSE belongs to the 2024-11-05 transport family: the 2026-07-28 era does not define it.
    if (options.sse && options.era === '2026-07-28') throw new CliUsageError('--sse speaks the 2025-11-25 revision at most: leave out --era 2026-07-28');
    const mode = options.sse ? 'legacy' : options.era ? NEGOTIATION[options.era] : 'auto';
    const client = new Client({ name: 'nestjs-fastmcp-cli', version: options.clientVersion }, { versionNegotiation: { mode }, capabilities: {} });
    const connection = new McpConnection(client, target, options.sse === true);
    let transport: Transport;
    if (target.kind === 'stdio') transport = connection.childTransport(target, options.serverStderr === true);
    else if (options.sse) transport = new SSEClientTransport(target.url, { requestInit: { headers: options.headers } });
    else transport = new StreamableHTTPClientTransport(target.url, { requestInit: { headers: options.headers } });
    try {
      await client.connect(transport);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw classify(error, true, () => connection.stderrTail);
    }
    return connection;
  }

  private childTransport(target: Extract<McpTarget, { kind: 'stdio' }>, live: boolean): StdioClientTransport {
    // The child inherits the whole environment, as it would when started by hand from this shell.
    const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const transport = new StdioClientTransport({ command: target.command, args: target.args, env, stderr: live ? 'inherit' : 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => {
      // The last few kilobytes are enough to show why a child died.
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4096);
    });
    return transport;
  }

  get protocolVersion(): string | undefined {
    return this.client.getNegotiatedProtocolVersion();
  }

  /** The stateless 2026-07-28 era (or later), where per-request `_meta` replaces session state. */
  get modern(): boolean {
    return (this.protocolVersion ?? '') >= '2026-07-28';
  }

  /** What the child printed to stderr, for the message of a failure. */
  get childOutput(): string {
    return this.stderrTail;
  }

  /**
   * Asks for log notifications at `level` and above: per request on 2026-07-28 (the `_meta`
   * returned here goes into each request's params), once per session before that.
   */
  async requestLogs(level: LoggingLevel): Promise<Record<string, unknown> | undefined> {
    if (this.modern) return { [LOG_LEVEL_META_KEY]: level };
    if (this.client.getServerCapabilities()?.logging) await this.client.setLoggingLevel(level);
    return undefined;
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }
}
