/**
 * The core scenarios again, on `@nestjs/platform-fastify`: every `startApp` in the specs below
 * builds a Fastify app (`MCP_TEST_PLATFORM`). Chosen to cover what differs between platforms:
 * tools, resources and prompts in both eras (core), the GET stream and its notifications
 * (protocol), sessions and DELETE (sessions), the `guards` option with `McpAuthGuard` on JWT,
 * over Streamable HTTP and legacy SSE (auth-jwt), the app's own `AuthGuard('jwt')` and roles
 * guard (app-auth), persistence with an audit row per call (persistence), body refusals
 * (hardening), the admin page behind its guards (admin-options), the REST routes with their
 * problems, sessions, events and OpenAPI document (rest). The rest of the suite runs on Express.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { McpModule } from 'nestjs-fastmcp';
import { startApp } from './support/test-app.js';

process.env.MCP_TEST_PLATFORM = 'fastify';

const SPECS = ['core', 'protocol', 'sessions', 'auth-jwt', 'app-auth', 'persistence', 'hardening', 'admin-options', 'rest'];

for (const spec of SPECS) {
  await describe(`on Fastify: ${spec}`, async () => {
    await import(`./${spec}.e2e-spec.js`);
  });
}

describe('on Fastify: the platform', () => {
  it('runs the specs above on a Fastify app', async () => {
    const running = await startApp({ imports: [McpModule.forRoot({ name: 'probe', version: '1.0.0' })] });
    try {
      assert.equal(running.app.getHttpAdapter().getType(), 'fastify');
    } finally {
      await running.close();
    }
  });
});
