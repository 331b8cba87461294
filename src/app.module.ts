import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-fastmcp';
import { McpPersistenceModule } from 'nestjs-fastmcp/persistence';
import { ActivityMcp } from './activity/activity.mcp.js';
import { NotesModule } from './notes/notes.module.js';

@Module({
  imports: [
    McpModule.forRoot({
      name: 'notes',
      version: '0.1.0',
      title: 'Notes',
      instructions: 'A notes service: search, read, create and delete notes.',
      transports: ['streamable-http', 'sse'],
    }),
    // Sessions, logs, tool-call audit and the catalog: an embedded SQLite file under .data/ by
    // default, PostgreSQL when DATABASE_URL=postgres://… is set. Read at start-up, not import.
    McpPersistenceModule.forRootAsync({
      useFactory: () => ({ url: process.env.DATABASE_URL, sqlitePath: process.env.MCP_SQLITE_PATH ?? '.data/notes.sqlite' }),
    }),
    NotesModule,
  ],
  providers: [ActivityMcp],
})
export class AppModule {}
