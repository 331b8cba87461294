import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { McpJwtConfigurableModule } from './mcp-jwt.module-definition.js';
import { McpJwtStrategy } from './mcp-jwt.strategy.js';

/** Registers the `mcp-jwt` passport strategy (`McpJwtStrategy`) for `McpAuthGuard` or any `AuthGuard('mcp-jwt')`. */
@Module({
  imports: [PassportModule],
  providers: [McpJwtStrategy],
  exports: [McpJwtStrategy],
})
/** @publicApi */
export class McpJwtModule extends McpJwtConfigurableModule {}
