import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-fastmcp';
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
    NotesModule,
  ],
})
export class AppModule {}
