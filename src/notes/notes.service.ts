import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Note } from './note.js';

/** The domain: a small in-memory notes store. Nothing here knows about MCP. */
@Injectable()
export class NotesService {
  private readonly notes = new Map<string, Note>();

  create(title: string, body: string, tags: string[] = []): Note {
    const note: Note = { id: randomUUID().slice(0, 8), title, body, tags, createdAt: new Date().toISOString() };
    this.notes.set(note.id, note);
    return note;
  }

  get(id: string): Note {
    const note = this.notes.get(id);
    if (!note) throw new NotFoundException(`Note ${id} does not exist`);
    return note;
  }

  list(tag?: string): Note[] {
    return [...this.notes.values()].filter((note) => !tag || note.tags.includes(tag));
  }

  search(query: string): Note[] {
    const needle = query.toLowerCase();
    return this.list().filter((note) => `${note.title} ${note.body}`.toLowerCase().includes(needle));
  }

  delete(id: string): Note {
    const note = this.get(id);
    this.notes.delete(id);
    return note;
  }
}
