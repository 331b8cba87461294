import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { McpModule } from 'nestjs-fastmcp';
import { McpAuthGuard, McpAuthModule, McpJwtModule } from 'nestjs-fastmcp/auth';
import { McpPersistenceModule } from 'nestjs-fastmcp/persistence';
import { databaseSchema, databaseUrl, host, issuer, jwksUri, port, resource, secret } from './config.js';
import { PayrollTools } from './payroll.tools.js';

@Module({
  imports: [
    McpAuthModule.forRoot({ resource, authorizationServers: [issuer], scopesSupported: ['payroll:read', 'payroll:write'] }),
    McpJwtModule.forRoot(jwksUri ? { jwksUri, issuer } : { secret, issuer }),
    McpModule.forRoot({ name: 'payroll', version: '1.0.0', guards: [McpAuthGuard], maskErrors: true }),
    // Sessions survive restarts and every call leaves an audit row.
    McpPersistenceModule.forRoot({ url: databaseUrl, schema: databaseSchema }),
  ],
  providers: [PayrollTools],
})
class AppModule {}

const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
await app.listen(port, host);
console.log(`MCP endpoint: ${resource} (send Authorization: Bearer <token>; mint one with node dist/apps/enterprise/mint-token.js)`);
