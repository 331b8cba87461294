import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpDatabaseConfig } from 'nestjs-fastmcp/persistence';
import { DataSource } from 'typeorm';

/** A database of its own for one test suite, and a second connection to look into it. */
export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  readonly config: McpDatabaseConfig;
  /** Runs SQL on the second connection; `$1, $2 …` placeholders on both databases. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** An SQLite file in a fresh temporary directory. */
export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-persistence-'));
  const sqlitePath = join(dir, 'mcp.sqlite');
  let observer: DataSource | undefined;
  return {
    kind: 'sqlite',
    config: { sqlitePath },
    async query<T>(sql: string, params: unknown[] = []) {
      observer ??= await new DataSource({ type: 'better-sqlite3', database: sqlitePath }).initialize();
      return (await observer.query(sql.replace(/\$\d+/g, '?'), params)) as T[];
    },
    async drop() {
      if (observer?.isInitialized) await observer.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A schema of its own in the shared `test` database, dropped afterwards. */
export async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `mcp_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const observer = await new DataSource({
    type: 'postgres',
    url: POSTGRES_URL,
    applicationName: `${schema}_observer`,
    poolSize: 2,
    extra: { options: `-c search_path=${schema}` },
  }).initialize();
  return {
    kind: 'postgres',
    config: { url: POSTGRES_URL, schema, applicationName: schema },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await observer.query(sql, params)) as T[];
    },
    async drop() {
      await observer.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await observer.destroy();
    },
  };
}

export const TEST_DATABASES = [
  { kind: 'sqlite (embedded)', create: sqliteDatabase },
  { kind: 'PostgreSQL', create: postgresDatabase },
] as const;
