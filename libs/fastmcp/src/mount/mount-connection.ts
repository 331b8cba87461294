import { Logger } from '@nestjs/common';
import type { Client, Transport } from '@modelcontextprotocol/client';
import type { McpMountOptions } from '../interfaces/mcp-mount-options.interface.js';
import { McpUserError } from '../errors/mcp-user-error.js';
import { MountCallRouter } from './mount-call-router.js';
import { forwardClientRequests } from './mount-forwarding.js';

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

// The client package is an optional peer of the library: loaded only when an app mounts a server.
type ClientPackage = typeof import('@modelcontextprotocol/client');
type StdioPackage = typeof import('@modelcontextprotocol/client/stdio');
let clientPackage: Promise<[ClientPackage, StdioPackage]> | undefined;
const loadClientPackage = () => (clientPackage ??= Promise.all([import('@modelcontextprotocol/client'), import('@modelcontextprotocol/client/stdio')]));

/**
 * The client side of one mount: connects with the SDK's own client and transports, reconnects
 * (restarting a stdio child) with exponential backoff whenever the connection closes, and
 * answers for its items when it is down with an error that names the mount.
 */
export class MountConnection {
  readonly router = new MountCallRouter();
  private readonly logger: Logger;
  private client: Client | undefined;
  private lastError = 'not connected yet';
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private sdk: ClientPackage | undefined;
  private stdio: StdioPackage | undefined;

  constructor(
    private readonly options: McpMountOptions,
    /** How errors and logs name the mount. */
    private readonly label: string,
    private readonly serverName: string,
    /** Called after every (re)connection and on the mounted server's list_changed. */
    private readonly onCatalog: (client: Client) => Promise<void>,
    /** Called with the mounted server's URI when it says a resource changed. */
    private readonly onResourceUpdated: (uri: string) => void,
  ) {
    this.logger = new Logger(`McpMount:${label}`);
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.close().catch(() => undefined);
  }

  /** Whether `error` is the client's own failure (closed connection, timeout), not the server's answer. */
  isClientFailure(error: unknown): error is Error {
    return this.sdk !== undefined && error instanceof this.sdk.SdkError;
  }

  /**
   * Starts over when `error` says the remote server no longer knows the session (HTTP 404: it
   * restarted, or ended the session): the connection closes and reconnects as after any close.
   */
  checkSession(error: unknown): void {
    if (this.sdk && error instanceof this.sdk.SdkHttpError && error.status === 404) void this.client?.close();
  }

  /** The live client, or an error for the caller that names the mount and why it is down. */
  require(): Client {
    if (this.client) return this.client;
    throw new McpUserError(`Mounted server "${this.label}" is unavailable: ${this.lastError}`);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    [this.sdk, this.stdio] = await loadClientPackage();
    const { Client } = this.sdk;
    // Session-era handshake on both transports: the mounted server may then send requests
    // (elicitation, sampling) and notifications (progress, logs, list changes) at any time.
    const client = new Client(
      { name: this.serverName, version: '1.0.0' },
      { versionNegotiation: { mode: 'legacy' }, capabilities: { elicitation: { form: {} }, sampling: {} } },
    );
    forwardClientRequests(client, this.router);
    const resync = () => void this.onCatalog(client).catch((error: unknown) => this.logger.warn(`Catalog refresh failed: ${String(error)}`));
    client.setNotificationHandler('notifications/tools/list_changed', resync);
    client.setNotificationHandler('notifications/prompts/list_changed', resync);
    client.setNotificationHandler('notifications/resources/list_changed', resync);
    client.setNotificationHandler('notifications/resources/updated', (notification) => this.onResourceUpdated(notification.params.uri));
    client.onclose = () => this.closed(client);
    try {
      await client.connect(this.transport());
      await this.onCatalog(client);
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Could not connect: ${this.lastError}; retrying in ${this.retryMs} ms`);
      client.onclose = undefined;
      await client.close().catch(() => undefined);
      this.scheduleRetry();
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    this.logger.log('Connected');
  }

  private closed(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.lastError = 'the connection closed';
    if (this.stopped) return;
    this.logger.warn(`Connection closed; reconnecting in ${this.retryMs} ms`);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }

  private transport(): Transport {
    const options = this.options;
    if ('url' in options) return new this.sdk!.StreamableHTTPClientTransport(new URL(options.url), { requestInit: { headers: options.headers ?? {} } });
    const env = Object.fromEntries(Object.entries({ ...process.env, ...options.env }).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const transport = new this.stdio!.StdioClientTransport({ command: options.command, args: options.args ?? [], env, cwd: options.cwd, stderr: 'pipe' });
    // A child's stderr is its log: ours at debug level, and never left to fill the pipe and stall it.
    transport.stderr?.on('data', (chunk: Buffer) => this.logger.debug(chunk.toString('utf8').trimEnd()));
    return transport;
  }
}
