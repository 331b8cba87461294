// The TypeORM CLI's view of the MCP persistence tables, e.g.
//   npm run build && npx typeorm migration:run -d dist/ormconfig.js
// DATABASE_URL=postgres://… selects PostgreSQL (MCP_DB_SCHEMA its schema); without it, the
// embedded SQLite file (MCP_SQLITE_PATH, default .data/mcp.sqlite).
import { DataSource } from 'typeorm';
import { createMcpDataSourceOptions } from 'nestjs-fastmcp/persistence';

export default new DataSource(
  createMcpDataSourceOptions({
    url: process.env.DATABASE_URL,
    schema: process.env.MCP_DB_SCHEMA,
    sqlitePath: process.env.MCP_SQLITE_PATH,
  }),
);
