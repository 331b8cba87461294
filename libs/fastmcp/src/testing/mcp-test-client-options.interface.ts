import type { CreateMessageRequest, CreateMessageResult, ElicitRequest, ElicitResult, Implementation, LoggingLevel, Root } from '@modelcontextprotocol/client';

/** The protocol revision a test client speaks: a 2025-11-25 session, or 2026-07-28 per-request traffic. */
export type McpTestEra = '2025-11-25' | '2026-07-28';

/** A fixed answer, or a function of the server's request that makes one. */
export type McpTestAnswer<Request, Answer> = Answer | ((request: Request) => Answer | Promise<Answer>);

/** @publicApi */
export interface McpTestClientOptions {
  /**
   * The principal of every call: what an authentication guard would have put on `req.user`.
   * Guards see it on `context.switchToHttp().getRequest().user`, handlers on `ctx.user`, and
   * `@McpRoles` / `@McpScopes` are checked against it. Default: an anonymous caller.
   */
  user?: unknown;
  /** Headers of the request every call appears to arrive on (names are lower-cased). */
  headers?: Record<string, string>;
  /** Default `'2025-11-25'`. */
  era?: McpTestEra;
  /** Answers `ctx.elicit()`; without it the client declares no elicitation capability. */
  elicit?: McpTestAnswer<ElicitRequest['params'], ElicitResult>;
  /** Answers `ctx.sample()`; without it the client declares no sampling capability. */
  sample?: McpTestAnswer<CreateMessageRequest['params'], CreateMessageResult>;
  /** Answers `ctx.listRoots()`; without it the client declares no roots capability. */
  roots?: Root[];
  /** The lowest level of log messages the client asks for and collects. Default `'debug'`. */
  logLevel?: LoggingLevel;
  /** Default `{ name: 'nestjs-fastmcp-test-client', version: '1.0.0' }`. */
  clientInfo?: Implementation;
}
