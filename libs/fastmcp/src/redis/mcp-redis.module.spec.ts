import 'reflect-metadata';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MCP_TASK_STORE } from '../interfaces/mcp-task-store.interface.js';
import { McpModule } from '../mcp.module.js';
import { MCP_EVENT_BUS } from '../notifications/mcp-event-bus.provider.js';
import { McpPersistenceModule } from '../persistence/mcp-persistence.module.js';
import { MCP_SESSION_ROUTER } from '../sessions/mcp-session-router.js';
import { MCP_SESSION_STORE, MCP_SHARED_SESSION_STORE } from '../sessions/mcp-session-store.js';
import { RedisServerEventBus } from './events/redis-server-event.bus.js';
import { McpRedisModule } from './mcp-redis.module.js';
import { RedisSessionStore } from './sessions/redis-session.store.js';
import { RedisTaskStore } from './tasks/redis-task.store.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('McpRedisModule', () => {
  const apps: INestApplication[] = [];
  after(() => Promise.all(apps.map((app) => app.close())));

  it('takes its options from forRootAsync and replaces the in-process bus, task store and session store', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        McpModule.forRoot({ name: 'redis-module', version: '1.0.0' }),
        McpRedisModule.forRootAsync({ useFactory: async () => ({ url: REDIS_URL, keyPrefix: `test-${randomUUID()}:` }) }),
        // Both provide a session store: the shared one serves sessions, the durable one keeps its record.
        McpPersistenceModule.forRoot({ sqlitePath: join(tmpdir(), `mcp-redis-module-${randomUUID()}.sqlite`) }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    apps.push(app);
    await app.init();
    assert.ok(app.get(MCP_EVENT_BUS, { strict: false }) instanceof RedisServerEventBus);
    assert.ok(app.get(MCP_TASK_STORE, { strict: false }) instanceof RedisTaskStore);
    assert.ok(app.get(MCP_SHARED_SESSION_STORE, { strict: false }) instanceof RedisSessionStore);
    assert.equal(app.get(MCP_SESSION_STORE, { strict: false }) instanceof RedisSessionStore, false);
    assert.ok(app.get(MCP_SESSION_ROUTER, { strict: false }));
  });
});
