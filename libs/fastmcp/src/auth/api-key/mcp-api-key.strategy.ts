import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { MCP_API_KEY_STRATEGY } from '../mcp-auth.constants.js';
import type { McpPrincipal } from '../../access/mcp-principal.js';
import { hashMcpApiKey } from './api-key.hash.js';
import { HeaderApiKeyStrategy } from './header-api-key.strategy.js';
import type { McpApiKeyModuleOptions, McpApiKeyRecord } from './mcp-api-key-options.interface.js';
import { MCP_API_KEY_OPTIONS } from './mcp-api-key.module-definition.js';
import { McpConfigurationError } from '../../errors/mcp-configuration.error.js';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * API keys checked against stored SHA-256 hashes. The presented key's hash is compared with
 * every stored one in constant time, without stopping at a match, so timing tells an attacker
 * neither how much of a key was right nor which key matched.
 *
 * @publicApi
 */
@Injectable()
export class McpApiKeyStrategy extends PassportStrategy(HeaderApiKeyStrategy, MCP_API_KEY_STRATEGY) {
  private readonly records: ReadonlyArray<{ record: McpApiKeyRecord; digest: Buffer }>;

  constructor(@Inject(MCP_API_KEY_OPTIONS) options: McpApiKeyModuleOptions) {
    super((options.header ?? 'x-api-key').toLowerCase());
    this.records = options.keys.map((record) => {
      if (!SHA256_HEX.test(record.hash)) {
        throw new McpConfigurationError('McpApiKeyModule', 'keys', `McpApiKeyModule: key "${record.id}" must be stored as hashMcpApiKey(key), a SHA-256 hex digest`);
      }
      return { record, digest: Buffer.from(record.hash, 'hex') };
    });
  }

  validate(key: string): McpPrincipal | null {
    const presented = Buffer.from(hashMcpApiKey(key), 'hex');
    let found: McpApiKeyRecord | undefined;
    for (const { record, digest } of this.records) {
      if (timingSafeEqual(presented, digest) && !found) found = record;
    }
    if (!found) return null;
    return { sub: `apikey:${found.id}`, roles: found.roles ?? [], scopes: found.scopes ?? [], via: 'api-key' };
  }
}
