import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { McpApiKeyConfigurableModule } from './mcp-api-key.module-definition.js';
import { McpApiKeyStrategy } from './mcp-api-key.strategy.js';

/** Registers the `mcp-api-key` passport strategy; list `'mcp-api-key'` in `McpAuthModule`'s `strategies`. */
@Module({
  imports: [PassportModule],
  providers: [McpApiKeyStrategy],
  exports: [McpApiKeyStrategy],
})
/** @publicApi */
export class McpApiKeyModule extends McpApiKeyConfigurableModule {}
