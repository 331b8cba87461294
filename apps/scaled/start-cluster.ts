import { ScaledCluster } from './cluster.js';

/**
 * `npm run example:scaled`: three instances behind HAProxy (round-robin, no stickiness), sharing
 * the Redis at REDIS_URL. Ctrl-C stops them all.
 */
const cluster = await ScaledCluster.start({
  instances: Number(process.env.INSTANCES ?? 3),
  port: Number(process.env.PORT ?? 3000),
  env: { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', MCP_STATE_SECRET: process.env.MCP_STATE_SECRET ?? 'example-secret-shared-by-every-instance!' },
  // The instances' own endpoint lines are left out: the one to use is the balancer's, below.
  onOutput: (instance, line) => line.includes('MCP endpoint') || console.log(`[${instance}] ${line}`),
});
console.log(`MCP endpoint: ${cluster.url.href} (HAProxy over ${cluster.instances.map((instance) => `${instance.name} :${instance.port}`).join(', ')})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cluster.stop().then(() => process.exit(0)));
