import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { SoakLoad } from './soak-load.js';
import { SoakServerProcess } from './soak-server.process.js';
import { TcpProxy } from './tcp-proxy.js';

export interface SoakRunOptions {
  database: 'postgres' | 'sqlite';
  postgresUrl: string;
  rate: number;
  attackRate: number;
  sessions: number;
  /** Seconds of load before the outage (or the kill). */
  warmupS: number;
  /** Seconds the database is unreachable; 0 for none. */
  outageS: number;
  /** Seconds of load after the outage. */
  afterS: number;
  /** Stop the PostgreSQL cluster itself instead of cutting the server off through a proxy. */
  realStop: boolean;
  /** kill -9 the server this many seconds into the outage (or after the warm-up when there is none). */
  kill9AtS?: number;
}

export interface SoakResult {
  database: string;
  rate: number;
  attackRate: number;
  outage: string;
  ending: 'SIGTERM' | 'kill -9';
  acknowledged: number;
  rows: number;
  lost: number;
  /** Seconds the server took load (until the kill, for a kill -9 run). */
  seconds: number;
}

/**
 * One soak run: a server process on a fresh schema (or SQLite file), load and attacker, an
 * outage, a SIGTERM or a kill -9, then a restart that replays what the spill file kept, and the
 * count of acknowledged calls without their audit row.
 */
export async function soakRun(options: SoakRunOptions): Promise<SoakResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-soak-'));
  const schema = `soak_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const target = new URL(options.postgresUrl);
  const proxy = options.database === 'postgres' ? await TcpProxy.start(target.hostname, Number(target.port || 5432)) : undefined;
  const viaProxy = new URL(options.postgresUrl);
  viaProxy.port = String(proxy?.port ?? 0);
  const env: Record<string, string> =
    options.database === 'postgres'
      ? { SOAK_DATABASE_URL: viaProxy.toString(), SOAK_SCHEMA: schema, SOAK_SPILL_DIR: join(dir, 'spill') }
      : { SOAK_SQLITE_PATH: join(dir, 'soak.sqlite'), SOAK_SPILL_DIR: join(dir, 'spill') };
  let server = await SoakServerProcess.start(env);
  const load = new SoakLoad({ origin: server.origin, sessions: options.sessions, rate: options.rate, attackRate: options.attackRate });
  const started = Date.now();
  let ending: SoakResult['ending'] = 'SIGTERM';
  let killedAt: number | undefined;
  try {
    await load.open();
    load.start();
    await sleep(options.warmupS * 1000);
    if (options.outageS > 0) {
      await outage(options, proxy, 'begin');
      if (options.kill9AtS !== undefined) {
        await sleep(options.kill9AtS * 1000);
        await server.stop('SIGKILL');
        killedAt = Date.now();
        ending = 'kill -9';
        await sleep(Math.max(0, options.outageS - options.kill9AtS) * 1000);
      } else await sleep(options.outageS * 1000);
      await outage(options, proxy, 'end');
    } else if (options.kill9AtS !== undefined) {
      await sleep(options.kill9AtS * 1000);
      await server.stop('SIGKILL');
      killedAt = Date.now();
      ending = 'kill -9';
    }
    if (ending === 'SIGTERM') await sleep(options.afterS * 1000);
    await load.stop();
    const seconds = ((killedAt ?? Date.now()) - started) / 1000;
    await server.stop('SIGTERM');
    // A restart replays what the spill file kept (after a kill -9, or a shutdown that gave up waiting).
    if (readdirSync(env.SOAK_SPILL_DIR!).length > 0) {
      server = await SoakServerProcess.start(env);
      for (let i = 0; i < 600 && readdirSync(env.SOAK_SPILL_DIR!).length > 0; i++) await sleep(100);
      await server.stop('SIGTERM');
    }
    const stored = await storedIds(options, env, schema);
    const lost = load.acknowledged.filter((id) => !stored.has(id)).length;
    return {
      database: options.database === 'postgres' ? 'PostgreSQL' : 'SQLite (embedded)',
      rate: options.rate,
      attackRate: options.attackRate,
      outage: options.database === 'sqlite' || options.outageS === 0 ? 'none' : `${options.outageS} s (${options.realStop ? 'cluster stopped' : 'connections cut'})`,
      ending,
      acknowledged: load.acknowledged.length,
      rows: stored.size,
      lost,
      seconds,
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output}`);
  } finally {
    await load.close();
    await server.stop('SIGKILL');
    await proxy?.close();
    if (options.database === 'postgres') await dropSchema(options.postgresUrl, schema);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function outage(options: SoakRunOptions, proxy: TcpProxy | undefined, phase: 'begin' | 'end'): Promise<void> {
  if (!options.realStop) {
    if (phase === 'begin') proxy?.cutOff();
    else proxy?.restore();
    return;
  }
  const cluster = readdirSync('/etc/postgresql')[0]!;
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', phase === 'begin' ? 'stop' : 'start'], { stdio: 'inherit' });
}

async function storedIds(options: SoakRunOptions, env: Record<string, string>, schema: string): Promise<Set<string>> {
  const dataSource =
    options.database === 'postgres'
      ? new DataSource({ type: 'postgres', url: options.postgresUrl, extra: { options: `-c search_path=${schema}` } })
      : new DataSource({ type: 'better-sqlite3', database: env.SOAK_SQLITE_PATH! });
  await dataSource.initialize();
  try {
    const rows = (await dataSource.query('SELECT request_id FROM mcp_tool_calls')) as Array<{ request_id: string }>;
    return new Set(rows.map((row) => row.request_id));
  } finally {
    await dataSource.destroy();
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url }).initialize();
  await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await dataSource.destroy();
}
