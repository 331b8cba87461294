import {
  Body,
  Catch,
  Controller,
  Get,
  Injectable,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  UnauthorizedException,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type ArgumentsHost,
  type CallHandler,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { McpToolFromRoute } from 'nestjs-fastmcp/rest';
import { map } from 'rxjs';

/** The service's own API key check: `Authorization: Bearer <key>` names the author. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: unknown }>();
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!key) throw new UnauthorizedException('An API key is required');
    if (!key.startsWith('key-')) return false;
    req.user = { author: key.slice(4) };
    return true;
  }
}

/** Every answer says which service gave it. */
@Injectable()
export class ServiceStampInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler) {
    return next.handle().pipe(map((body: unknown) => (typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, service: 'notes' } : body)));
  }
}

/** The service's own error shape for a missing note. */
@Catch(NotFoundException)
export class NoteNotFoundFilter implements ExceptionFilter {
  catch(exception: NotFoundException, host: ArgumentsHost) {
    host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>().status(404).json({ statusCode: 404, message: `${exception.message}: list the notes first` });
  }
}

export class CreateNoteDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  text!: string;
}

interface Note {
  id: number;
  text: string;
  author: string;
}

/** An existing REST service; three decorators offer its routes to MCP clients, nothing else changes. */
@Controller('notes')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ServiceStampInterceptor)
@UseFilters(NoteNotFoundFilter)
export class NotesController {
  private readonly notes: Note[] = [];

  @McpToolFromRoute({ name: 'list_notes', description: 'Lists the notes, those containing a word if given' })
  @Get()
  list(@Query('contains') contains?: string) {
    return { notes: this.notes.filter((note) => !contains || note.text.includes(contains)) };
  }

  @McpToolFromRoute({ name: 'add_note', description: 'Adds a note' })
  @Post()
  add(@Body() note: CreateNoteDto, @Req() req: { user: { author: string } }) {
    const created = { id: this.notes.length + 1, text: note.text, author: req.user.author };
    this.notes.push(created);
    return created;
  }

  @McpToolFromRoute({ name: 'get_note' })
  @Get(':id')
  get(@Param('id', ParseIntPipe) id: number) {
    const note = this.notes.find((each) => each.id === id);
    if (!note) throw new NotFoundException(`Note ${id} not found`);
    return note;
  }
}
