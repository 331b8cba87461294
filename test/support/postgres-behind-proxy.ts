import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcpProxy } from '../../bench/soak/tcp-proxy.js';
import { POSTGRES_URL, postgresDatabase, type TestDatabase } from './test-databases.js';

/**
 * A test's own PostgreSQL schema reached through a relay it can cut (an outage of that app's
 * database only), and a spill directory of its own.
 */
export interface PostgresBehindProxy {
  db: TestDatabase;
  proxy: TcpProxy;
  /** The database's URL through the relay. */
  url: string;
  spillDir: string;
  /** Closes the relay, drops the schema and removes the spill directory. */
  close(): Promise<void>;
}

export async function postgresBehindProxy(spillPrefix: string): Promise<PostgresBehindProxy> {
  const db = await postgresDatabase();
  const target = new URL(POSTGRES_URL);
  const proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
  const spillDir = mkdtempSync(join(tmpdir(), spillPrefix));
  const viaProxy = new URL(POSTGRES_URL);
  viaProxy.port = String(proxy.port);
  return {
    db,
    proxy,
    url: viaProxy.toString(),
    spillDir,
    async close() {
      try {
        await proxy.close();
      } finally {
        await db.drop();
        rmSync(spillDir, { recursive: true, force: true });
      }
    },
  };
}
