import { Injectable } from '@nestjs/common';
import type { ServerContext } from '@modelcontextprotocol/server';
import type { McpCatalogKind, McpHandlerRef } from '../common/mcp-catalog.types.js';
import { httpExchangeOf } from '../common/mcp-http-exchange.js';
import { McpAccessPolicy, type McpAccessTarget } from '../interfaces/mcp-access-policy.interface.js';

interface Definition {
  readonly key: string;
  readonly source: string;
  readonly handler?: McpHandlerRef;
}

/**
 * Where the list and call handlers ask the `McpAccessPolicy`. The caller is the principal on
 * the HTTP request being served (a legacy session only ever sees the principal that opened it).
 */
@Injectable()
export class McpAccessGate {
  private readonly targets = new WeakMap<Definition, McpAccessTarget>();

  constructor(private readonly policy: McpAccessPolicy) {}

  /** Whether the caller of the request `ctx` serves may use `definition`: at once when the policy answers at once. */
  allows(kind: McpCatalogKind, definition: Definition, ctx: ServerContext): boolean | Promise<boolean> {
    return this.allowsUser(kind, definition, httpExchangeOf(ctx)?.user);
  }

  /** The same for a principal known otherwise (a session's owner, the request of a `subscriptions/listen`). */
  allowsUser(kind: McpCatalogKind, definition: Definition, user: unknown): boolean | Promise<boolean> {
    return this.policy.canAccess(this.targetOf(kind, definition), user);
  }

  /** The definitions the caller may use, in their original (registration) order. */
  async visible<D extends Definition>(kind: McpCatalogKind, definitions: readonly D[], ctx: ServerContext): Promise<readonly D[]> {
    const user = httpExchangeOf(ctx)?.user;
    const decisions = await Promise.all(definitions.map((definition) => this.policy.canAccess(this.targetOf(kind, definition), user)));
    return decisions.every(Boolean) ? definitions : definitions.filter((_, index) => decisions[index]);
  }

  private targetOf(kind: McpCatalogKind, definition: Definition): McpAccessTarget {
    let target = this.targets.get(definition);
    if (!target) {
      target = { kind, key: definition.key, source: definition.source, handler: definition.handler };
      this.targets.set(definition, target);
    }
    return target;
  }
}
