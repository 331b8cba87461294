import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { McpExecutionContext } from 'nestjs-fastmcp';

/** A guard of the ordinary kind on the benchmarked tool: it reads the call, then lets it through. */
@Injectable()
export class McpOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return McpExecutionContext.isMcp(context) && typeof McpExecutionContext.create(context).getArgs<{ text?: unknown }>().text === 'string';
  }
}
