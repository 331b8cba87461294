import { Injectable } from '@nestjs/common';
import type { McpCatalogKind, McpHandlerRef } from '../registry/mcp-definitions.js';
import { mcpHttpRequestScope } from '../transports/mcp-transport-scope.js';
import { McpAccessPolicy, type McpAccessTarget } from './mcp-access.policy.js';

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

  async allows(kind: McpCatalogKind, definition: Definition): Promise<boolean> {
    return this.policy.canAccess(this.targetOf(kind, definition), mcpHttpRequestScope.getStore()?.user);
  }

  /** The definitions the caller may use, in their original (registration) order. */
  async visible<D extends Definition>(kind: McpCatalogKind, definitions: readonly D[]): Promise<readonly D[]> {
    const user = mcpHttpRequestScope.getStore()?.user;
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
