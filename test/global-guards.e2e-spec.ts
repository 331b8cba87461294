import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Injectable, type CanActivate, type ExecutionContext, type LoggerService, type Type } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { McpAlsoOnCalls, McpModule, McpTool } from 'nestjs-fastmcp';
import { HeaderUserMiddleware } from './support/header-user.middleware.js';
import { ROLES_KEY, Roles } from './fixtures/app-auth.fixture.js';
import { connectLegacy, textOf } from './support/clients.js';
import { startApp } from './support/test-app.js';

/** The roles guard of Nest's documentation, registered app-wide. */
@Injectable()
class AppRolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const user = context.switchToHttp().getRequest<{ user?: { sub: string } }>().user;
    return roles.includes(user?.sub === 'root' ? 'admin' : 'user');
  }
}

@Injectable()
@McpAlsoOnCalls()
class MarkedRolesGuard extends AppRolesGuard {}

@Injectable()
class Reports {
  @Roles('admin')
  @McpTool({ name: 'payroll_report' })
  report() {
    return 'numbers';
  }
}

class CapturingLogger implements LoggerService {
  readonly warnings: string[] = [];
  log() {}
  error() {}
  debug() {}
  verbose() {}
  warn(message: unknown) {
    this.warnings.push(String(message));
  }
}

async function appWith(guard: Type<CanActivate>, globalGuardsOnCalls?: boolean) {
  const logger = new CapturingLogger();
  const running = await startApp(
    { imports: [McpModule.forRoot({ name: 'reports', version: '1.0.0', globalGuardsOnCalls })], providers: [Reports, { provide: APP_GUARD, useClass: guard }] },
    '/mcp',
    (app) => app.use(new HeaderUserMiddleware().use),
    { logger },
  );
  const callAs = async (sub: string) => {
    const { client } = await connectLegacy(running.mcpUrl, { 'x-user': sub });
    const result = await client.callTool({ name: 'payroll_report', arguments: {} });
    await client.close();
    return textOf(result);
  };
  return { running, logger, callAs };
}

describe('global guards and MCP calls', () => {
  it('keeps an unmarked global guard on the routes, and warns of handler metadata it will not see on calls', async () => {
    const { running, logger } = await appWith(AppRolesGuard);
    try {
      const warning = logger.warnings.find((message) => message.includes('AppRolesGuard'));
      assert.ok(warning, logger.warnings.join('\n'));
      assert.match(warning, /Reports\.report \(roles\)/);
      assert.match(warning, /@McpAlsoOnCalls\(\)/);
    } finally {
      await running.close();
    }
  });

  it('runs a global guard marked @McpAlsoOnCalls() on each call, with the tool as handler, and does not warn', async () => {
    const { running, logger, callAs } = await appWith(MarkedRolesGuard);
    try {
      assert.equal(await callAs('root'), 'numbers');
      assert.equal(await callAs('guest'), 'Forbidden resource');
      assert.equal(logger.warnings.filter((message) => message.includes('McpAlsoOnCalls')).length, 0);
    } finally {
      await running.close();
    }
  });

  it('runs every global guard on calls with globalGuardsOnCalls: true', async () => {
    const { running, callAs } = await appWith(AppRolesGuard, true);
    try {
      assert.equal(await callAs('root'), 'numbers');
      assert.equal(await callAs('guest'), 'Forbidden resource');
    } finally {
      await running.close();
    }
  });
});
