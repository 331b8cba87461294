import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Injectable, Module, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  getMcpUser,
  McpAccessPolicy,
  McpDeclarativeAccessPolicy,
  McpModule,
  McpRegistry,
  McpRoles,
  McpTool,
  type McpAccessTarget,
} from 'nestjs-fastmcp';
import { ERAS, textOf } from './support/clients.js';
import { INITIALIZE, postJson } from './support/raw-http.js';
import { startApp, type RunningApp } from './support/test-app.js';

interface TenantUser {
  sub: string;
  tenant: string;
  roles: string[];
}

/** Not provided by any module: McpModule instantiates it. Authenticates from headers, like an app's own guard. */
class TenantHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: TenantUser }>();
    const [tenant, sub, roles] = [req.headers['x-tenant'], req.headers['x-user'], req.headers['x-roles']];
    if (!tenant || !sub) return false;
    req.user = { sub, tenant, roles: roles ? roles.split(',') : [] };
    return true;
  }
}

@Injectable()
class AuditLog {
  readonly seen: string[] = [];
}

/** Provided by the app, with a dependency of its own: McpModule uses the app's instance. */
@Injectable()
class AuditGuard implements CanActivate {
  constructor(private readonly audit: AuditLog) {}
  canActivate(context: ExecutionContext): boolean {
    this.audit.seen.push(`${context.getType()}:${getMcpUser<TenantUser>(context)?.sub}`);
    return true;
  }
}

/** A method guard reading the principal through the helper that serves MCP and HTTP alike. */
@Injectable()
class SameTenantGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return getMcpUser<TenantUser>(context)?.tenant === 'acme';
  }
}

/** Declarative roles, plus: items named `acme_*` exist only for tenant acme. */
class TenantPolicy extends McpDeclarativeAccessPolicy {
  override canAccess(target: McpAccessTarget, user: unknown): boolean {
    if (target.key.startsWith('acme_') && (user as TenantUser | undefined)?.tenant !== 'acme') return false;
    return super.canAccess(target, user);
  }
}

@Injectable()
class TenantTools {
  @McpTool({ name: 'hello' })
  hello() {
    return 'hello';
  }

  @McpTool({ name: 'acme_report' })
  report() {
    return 'acme numbers';
  }

  @UseGuards(SameTenantGuard)
  @McpTool({ name: 'tenant_secret' })
  secret() {
    return 'only acme';
  }

  @McpRoles('owner')
  @McpTool({ name: 'owner_only' })
  owner() {
    return 'owner';
  }
}

@Module({ providers: [AuditLog, AuditGuard], exports: [AuditLog, AuditGuard] })
class AuditModule {}

/** An app-wide guard that needs the principal the endpoint's guards authenticate. */
@Injectable()
class PrincipalSeenGlobalGuard implements CanActivate {
  readonly seen: string[] = [];

  canActivate(context: ExecutionContext): boolean {
    const user = context.switchToHttp().getRequest<{ user?: TenantUser }>().user;
    this.seen.push(`${context.getType()}:${user?.sub ?? 'anonymous'}`);
    return true;
  }
}

describe('McpModule.forRootAsync({ guards, accessPolicy })', () => {
  let running: RunningApp;

  before(async () => {
    running = await startApp({
      imports: [
        AuditModule,
        McpModule.forRootAsync({
          useFactory: async (): Promise<Parameters<typeof McpModule.forRoot>[0]> => ({
            name: 'tenants',
            version: '1.0.0',
            guards: [TenantHeaderGuard, AuditGuard],
            accessPolicy: new TenantPolicy(),
          }),
        }),
      ],
      providers: [TenantTools, PrincipalSeenGlobalGuard, { provide: APP_GUARD, useExisting: PrincipalSeenGlobalGuard }],
    });
    running.app.get(McpRegistry).addTool({ name: 'acme_runtime', handler: () => 'runtime acme' });
  });

  after(() => running.close());

  it('refuses MCP HTTP requests its guards deny', async () => {
    assert.equal((await postJson(running.mcpUrl, INITIALIZE)).status, 403);
  });

  it("runs the endpoint's guards before the app's global guards, which see the principal they set", async () => {
    const globalGuard = running.app.get(PrincipalSeenGlobalGuard);
    globalGuard.seen.length = 0;
    const { client } = await ERAS[0].connect(running.mcpUrl, { 'x-tenant': 'globex', 'x-user': 'hank' });
    await client.callTool({ name: 'hello', arguments: {} });
    await client.close();
    assert.ok(globalGuard.seen.length > 0);
    assert.deepEqual([...new Set(globalGuard.seen)], ['http:hank']);
  });

  it("runs guards the app provides with the app's own instance and dependencies", async () => {
    const { client } = await ERAS[1].connect(running.mcpUrl, { 'x-tenant': 'globex', 'x-user': 'hank' });
    await client.listTools();
    assert.ok(running.app.get(AuditLog).seen.includes('http:hank'));
    await client.close();
  });

  for (const { era, connect } of ERAS) {
    it(`filters lists and calls through the custom policy, runtime tools included, ${era}`, async () => {
      const { client: globex } = await connect(running.mcpUrl, { 'x-tenant': 'globex', 'x-user': 'hank' });
      const { client: acme } = await connect(running.mcpUrl, { 'x-tenant': 'acme', 'x-user': 'ivy', 'x-roles': 'owner' });
      assert.deepEqual((await globex.listTools()).tools.map((tool) => tool.name), ['hello', 'tenant_secret']);
      assert.deepEqual(
        (await acme.listTools()).tools.map((tool) => tool.name),
        ['hello', 'acme_report', 'tenant_secret', 'owner_only', 'acme_runtime'],
      );
      await assert.rejects(globex.callTool({ name: 'acme_runtime', arguments: {} }), /not found/);
      assert.equal(textOf(await acme.callTool({ name: 'acme_runtime', arguments: {} })), 'runtime acme');
      await globex.close();
      await acme.close();
    });

    it(`lets method guards read the principal with getMcpUser(), ${era}`, async () => {
      const { client: globex } = await connect(running.mcpUrl, { 'x-tenant': 'globex', 'x-user': 'hank' });
      const { client: acme } = await connect(running.mcpUrl, { 'x-tenant': 'acme', 'x-user': 'ivy' });
      const denied = await globex.callTool({ name: 'tenant_secret', arguments: {} });
      assert.equal(denied.isError, true);
      assert.equal(textOf(denied), 'Forbidden resource');
      assert.equal(textOf(await acme.callTool({ name: 'tenant_secret', arguments: {} })), 'only acme');
      await globex.close();
      await acme.close();
    });
  }

  it('exposes the policy for injection', () => {
    assert.ok(running.app.get(McpAccessPolicy) instanceof TenantPolicy);
  });
});
