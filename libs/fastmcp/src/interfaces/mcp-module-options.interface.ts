import type { CanActivate, Type } from '@nestjs/common';
import type { EventStore, Icon, ServerEventBus, ServerOptions } from '@modelcontextprotocol/server';
import type { McpAccessPolicy } from './mcp-access-policy.interface.js';
import type { McpTasksOptions } from './mcp-task-options.interface.js';
import type { McpMountOptions } from './mcp-mount-options.interface.js';
import type { McpServedTransportKind } from '../common/mcp-transport-kind.js';

export type { McpServedTransportKind, McpTransportKind } from '../common/mcp-transport-kind.js';

/** @publicApi */
export interface McpModuleOptions {
  /** Server name reported in `initialize` / `server/discover`. */
  name: string;
  version: string;
  title?: string;
  description?: string;
  icons?: Icon[];
  websiteUrl?: string;
  /** Free-text guidance for the model, sent to clients at `initialize` / `server/discover`. */
  instructions?: string;
  /** Route of the Streamable HTTP endpoint. Default `/mcp`. */
  path?: string;
  /** Routes of the legacy HTTP+SSE transport (2024-11-05). Default `/sse` and `/messages`. */
  ssePath?: string;
  sseMessagesPath?: string;
  /** Transports to serve. Default `['streamable-http']`. */
  transports?: McpServedTransportKind[];
  /**
   * Serve session-era (2025-xx) requests without sessions: every request gets a fresh server
   * and GET/DELETE answer 405. 2026-07-28 requests are stateless anyway.
   */
  stateless?: boolean;
  /** A legacy session without traffic for this long is closed. Default 30 minutes; 0 disables. */
  sessionIdleTimeoutMs?: number;
  /**
   * Replace the message of unexpected handler errors by a generic one. `McpUserError` and
   * 4xx `HttpException` messages always reach the client. Default: on when
   * `NODE_ENV === 'production'`.
   */
  maskErrors?: boolean;
  /**
   * `ttlMs` / `cacheScope` of cacheable 2026-07-28 results (lists, `resources/read`,
   * `server/discover`), per operation. Default: `ttlMs: 0`, `cacheScope: 'private'`.
   */
  cacheHints?: ServerOptions['cacheHints'];
  /**
   * Other MCP servers (stdio children or remote Streamable HTTP servers) whose items this server
   * serves under a prefix, through its own access rules and audit (see docs/composition.md).
   */
  mount?: McpMountOptions[];
  /** Items per page of every `* /list` result. Default 100. */
  pageSize?: number;
  /**
   * Host names requests may address (DNS-rebinding protection). Default: `localhost`,
   * `127.0.0.1` and `[::1]` when the server is reached on a loopback address; set it when you
   * serve under a public name.
   */
  allowedHosts?: string[];
  /** Origin host names browser requests may come from; others get 403. Default: localhost only. */
  allowedOrigins?: string[];
  /** Where legacy sessions record SSE events for `Last-Event-ID` resumption. Default: in memory, bounded. */
  eventStore?: EventStore;
  /** The bus `subscriptions/listen` streams receive change events from. Default: in-process. */
  eventBus?: ServerEventBus;
  /**
   * Upper bound, in bytes, of a POST body read by the MCP routes (413). A body that declares a
   * larger Content-Length is refused before any of it is read. Default 4 MiB.
   */
  maxRequestBodySize?: number;
  /** Default time limit of a tool call (`timeoutMs` on `@McpTool` overrides it). Default: none. */
  toolTimeoutMs?: number;
  /**
   * HMAC key (>= 32 bytes) sealing the state of 2026-07-28 multi-round-trip requests
   * (`ctx.elicit()` and friends). Set the same value on every instance behind a load balancer.
   * Default: a random key per process.
   */
  requestStateSecret?: string;
  /** Minimum gap between two progress notifications of one call. Default 50 ms. */
  progressIntervalMs?: number;
  /**
   * Guards on every MCP HTTP route (Streamable HTTP and SSE), as `@UseGuards()` on a controller:
   * e.g. `[McpAuthGuard]` or an app's own `JwtAuthGuard`. A class is taken from the app's
   * providers when registered there, otherwise instantiated with the MCP module's injector.
   */
  guards?: Array<Type<CanActivate> | CanActivate>;
  /**
   * Whether every global guard of the app (`APP_GUARD`, `useGlobalGuards()`) also runs on each
   * MCP call (`context.getType() === 'mcp'`), besides the MCP HTTP routes it runs on like on any
   * route. Default `false`: a global guard runs once per HTTP request, and on calls only when
   * its class is marked `@McpAlsoOnCalls()` or `@McpCallsOnly()`.
   */
  globalGuardsOnCalls?: boolean;
  /**
   * Decides which tools, resources and prompts a principal may see in `* /list` and use.
   * Default: `McpDeclarativeAccessPolicy` (`@McpRoles()` / `@McpScopes()`).
   */
  accessPolicy?: McpAccessPolicy;
  /** Deepest JSON nesting accepted in a POST body; deeper bodies get `-32600`. Default 64. */
  maxJsonDepth?: number;
  /**
   * Object keys whose values are replaced by `[REDACTED]` in MCP logs (`ctx.log`, its
   * `log.emitted` event) and in `tool.called` arguments; matched ignoring case, `-` and `_`.
   * Default `DEFAULT_REDACTED_FIELDS`; extend it with `[...DEFAULT_REDACTED_FIELDS, 'ssn']`.
   */
  redactFields?: readonly string[];
  /**
   * Answer plain `tools/call` requests (2025-era sessions and 2026-07-28 per-request) without
   * the SDK's web `Request`/`Response` layer: same SDK server, handler and result, plain JSON
   * unless something is streamed before the result. Default `true`; `false` sends every
   * request the general way.
   */
  fastPath?: boolean;
  /** Tasks: where they are kept, their TTL and polling interval (see `task` on `@McpTool`). */
  tasks?: McpTasksOptions;
}
