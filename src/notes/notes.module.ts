import { Module, type OnModuleInit } from '@nestjs/common';
import { NotesMcp } from './notes.mcp.js';
import { NotesService } from './notes.service.js';

@Module({ providers: [NotesService, NotesMcp], exports: [NotesService] })
export class NotesModule implements OnModuleInit {
  constructor(private readonly notes: NotesService) {}

  onModuleInit(): void {
    this.notes.create('Welcome', 'This server exposes notes over MCP. Try the search_notes tool.', ['intro']);
  }
}
