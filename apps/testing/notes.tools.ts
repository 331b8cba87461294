import { Injectable, Module } from '@nestjs/common';
import { McpModule, McpRoles, McpTool, tool, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';

/** A notebook whose tools the example spec (notes.spec.ts) exercises. */
@Injectable()
export class NotesTools {
  private readonly notes: string[] = [];

  @McpTool(tool({ name: 'add_note', input: z.object({ text: z.string().min(1) }), output: z.object({ count: z.number() }) }))
  add({ text }: { text: string }) {
    this.notes.push(text);
    return { count: this.notes.length };
  }

  @McpTool(tool({ name: 'import_notes', input: z.object({ texts: z.array(z.string()) }) }))
  async import({ texts }: { texts: string[] }, ctx: McpContext) {
    for (const [index, text] of texts.entries()) {
      this.notes.push(text);
      await ctx.reportProgress(index + 1, texts.length);
    }
    ctx.log.info(`imported ${texts.length} notes`);
    return `${this.notes.length} notes`;
  }

  @McpRoles('admin')
  @McpTool({ name: 'purge_notes' })
  async purge(_args: unknown, ctx: McpContext) {
    const answer = await ctx.elicit<{ confirm: boolean }>('Delete every note?', z.object({ confirm: z.boolean() }));
    if (answer.action !== 'accept' || !answer.content.confirm) return 'kept';
    this.notes.length = 0;
    return 'purged';
  }
}

@Module({ imports: [McpModule.forRoot({ name: 'notes', version: '1.0.0' })], providers: [NotesTools] })
export class NotesModule {}
