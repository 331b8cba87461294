import { Injectable, UseGuards, UseInterceptors } from '@nestjs/common';
import { McpPrompt, McpResource, McpTool, McpUserError, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';
import { CreateNoteDto } from './create-note.dto.js';
import { NotesService } from './notes.service.js';
import { ReadOnlyGuard } from './read-only.guard.js';
import { TimingInterceptor } from './timing.interceptor.js';

const NoteSummary = z.object({ id: z.string(), title: z.string(), tags: z.array(z.string()) });

/** The MCP face of the notes domain. */
@Injectable()
@UseInterceptors(TimingInterceptor)
export class NotesMcp {
  constructor(private readonly notes: NotesService) {}

  @UseGuards(ReadOnlyGuard)
  @McpTool({ name: 'create_note', title: 'Create note', description: 'Create a note', input: CreateNoteDto })
  create({ title, body, tags }: CreateNoteDto, ctx: McpContext) {
    const note = this.notes.create(title, body, tags);
    ctx.log.info('note created', { id: note.id });
    return `Created note ${note.id}`;
  }

  @McpTool({
    name: 'search_notes',
    description: 'Find notes whose title or body contains the query',
    input: z.object({ query: z.string().min(2).describe('Text to look for') }),
    output: z.object({ notes: z.array(NoteSummary) }),
    annotations: { readOnlyHint: true },
  })
  search({ query }: { query: string }) {
    return { notes: this.notes.search(query).map(({ id, title, tags }) => ({ id, title, tags })) };
  }

  @UseGuards(ReadOnlyGuard)
  @McpTool({
    name: 'delete_note',
    description: 'Delete a note for good',
    input: z.object({ id: z.string() }),
    annotations: { destructiveHint: true, idempotentHint: true },
  })
  delete({ id }: { id: string }) {
    if (id === 'welcome') throw new McpUserError('The welcome note cannot be deleted');
    return `Deleted "${this.notes.delete(id).title}"`;
  }

  @McpResource({ uri: 'notes://index', name: 'notes-index', description: 'Every note, newest last', mimeType: 'application/json' })
  index() {
    return this.notes.list().map(({ id, title }) => ({ id, title, uri: `notes://${id}` }));
  }

  @McpResource({ uriTemplate: 'notes://{id}', name: 'note', description: 'One note as Markdown', mimeType: 'text/markdown' })
  note({ id }: { id: string }) {
    const note = this.notes.get(id);
    return `# ${note.title}\n\n${note.body}\n`;
  }

  @McpPrompt({
    name: 'summarize_note',
    description: 'Ask the model to summarise a note',
    arguments: z.object({ id: z.string().describe('Note id'), style: z.string().optional().describe('e.g. "bullet points"') }),
  })
  summarize({ id, style }: { id: string; style?: string }) {
    const note = this.notes.get(id);
    return `Summarise this note${style ? ` as ${style}` : ''}:\n\n# ${note.title}\n${note.body}`;
  }
}
