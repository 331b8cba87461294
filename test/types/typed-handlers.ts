// Compiled by test/typed-handlers.e2e-spec.ts with `tsc --noEmit -p test/types`: every
// `@ts-expect-error` must meet an error, and every other line must compile.
import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { type } from 'arktype';
import { IsString } from 'class-validator';
import { McpPrompt, McpTool, prompt, tool, type McpContext } from 'nestjs-fastmcp';
import { z } from 'zod';

class NoteDto {
  @IsString()
  text!: string;
}

const Sum = z.object({ a: z.number(), b: z.number() });

@Injectable()
export class TypedTools {
  @McpTool(tool({ input: Sum }))
  add({ a, b }: { a: number; b: number }) {
    return a + b;
  }

  @McpTool(tool({ input: Sum }))
  addWithContext(args: z.infer<typeof Sum>, ctx: McpContext) {
    return `${args.a + args.b} for ${ctx.requestId}`;
  }

  // A handler may ignore fields, or take no arguments at all.
  @McpTool(tool({ input: Sum }))
  onlyA({ a }: { a: number }) {
    return a;
  }

  @McpTool(tool({ input: Sum }))
  nothing() {
    return 'ok';
  }

  // @ts-expect-error the schema says `a` is a number
  @McpTool(tool({ input: Sum }))
  wrongType({ a }: { a: string }) {
    return a;
  }

  // @ts-expect-error the schema has no `c`
  @McpTool(tool({ input: Sum }))
  missingField({ c }: { c: number }) {
    return c;
  }

  @McpTool(tool({ input: NoteDto }))
  note(args: NoteDto) {
    return args.text;
  }

  // @ts-expect-error a DTO input types the arguments as the DTO
  @McpTool(tool({ input: NoteDto }))
  noteAsNumber(args: { text: number }) {
    return args.text;
  }

  @McpTool(tool({ input: type({ city: 'string' }) }))
  weather({ city }: { city: string }) {
    return city;
  }

  // @ts-expect-error arktype's `city` is a string
  @McpTool(tool({ input: type({ city: 'string' }) }))
  weatherByNumber({ city }: { city: number }) {
    return city;
  }

  @McpTool(tool({ input: Sum, output: z.object({ sum: z.number() }) }))
  async structured({ a, b }: { a: number; b: number }) {
    return { sum: a + b };
  }

  // @ts-expect-error the output schema wants `{ sum: number }`
  @McpTool(tool({ input: Sum, output: z.object({ sum: z.number() }) }))
  wrongResult({ a, b }: { a: number; b: number }) {
    return { total: a + b };
  }

  // @ts-expect-error a tool without `input` takes no declared arguments
  @McpTool(tool({ name: 'no_input' }))
  noInput({ q }: { q: string }) {
    return q;
  }

  // Options written in place (not through `tool()`) keep the loose typing.
  @McpTool({ input: Sum })
  loose(args: unknown) {
    return args;
  }

  @McpPrompt(prompt({ arguments: z.object({ topic: z.string() }) }))
  explain({ topic }: { topic: string }) {
    return `Explain ${topic}`;
  }

  // @ts-expect-error the prompt's `topic` is a string
  @McpPrompt(prompt({ arguments: z.object({ topic: z.string() }) }))
  explainNumber({ topic }: { topic: number }) {
    return `Explain ${topic}`;
  }
}

@Injectable()
export class JsonSchemaTypedTools {
  @McpTool(
    tool({
      input: {
        type: 'object',
        properties: { city: { type: 'string' }, nights: { type: 'integer' }, room: { enum: ['single', 'double'] }, tags: { type: 'array', items: { type: 'string' } } },
        required: ['city', 'nights'],
      },
    }),
  )
  book({ city, nights, room, tags }: { city: string; nights: number; room?: 'single' | 'double'; tags?: string[] }) {
    return `${nights} in ${city} ${room ?? ''} ${tags?.join() ?? ''}`;
  }

  // @ts-expect-error `nights` is an integer, not a string
  @McpTool(tool({ input: { type: 'object', properties: { nights: { type: 'integer' } }, required: ['nights'] } }))
  bookByText({ nights }: { nights: string }) {
    return nights;
  }

  // @ts-expect-error `city` is optional in the schema, so the handler must accept it missing
  @McpTool(tool({ input: { type: 'object', properties: { city: { type: 'string' } } } }))
  bookRequiringCity({ city }: { city: string }) {
    return city;
  }

  // A `$ref` or composition types its property as `unknown`.
  @McpTool(tool({ input: { type: 'object', $defs: { n: { type: 'integer' } }, properties: { n: { $ref: '#/$defs/n' } } } }))
  byReference({ n }: { n?: unknown }) {
    return String(n);
  }
}
