// The TypeORM CLI's view of the MCP persistence tables, e.g.
//   npm run build && node node_modules/typeorm/cli.js migration:show -d dist/ormconfig.js
// (`node`, not `npx`: under npx the node22 dev dependency's binary would run it, and the
// embedded database's native addon is built for the machine's Node).
// DATABASE_URL=postgres://… selects PostgreSQL (MCP_DB_SCHEMA an existing schema); without it,
// the embedded SQLite file (MCP_SQLITE_PATH, default .data/mcp.sqlite). New migrations go to
// libs/fastmcp/src/persistence/migrations/<postgres|sqlite>/ and into mcp-migrations.ts.
import { DataSource } from 'typeorm';
import { createMcpDataSourceOptions } from 'nestjs-fastmcp/persistence';

export default new DataSource(
  createMcpDataSourceOptions({
    url: process.env.DATABASE_URL,
    schema: process.env.MCP_DB_SCHEMA,
    sqlitePath: process.env.MCP_SQLITE_PATH,
  }),
);
