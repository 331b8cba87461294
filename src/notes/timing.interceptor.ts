import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { McpExecutionContext } from 'nestjs-fastmcp';
import { tap, type Observable } from 'rxjs';

/** Logs how long each MCP call took: an ordinary Nest interceptor. */
@Injectable()
export class TimingInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Timing');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = performance.now();
    const name = `${McpExecutionContext.create(context).getMethod()} ${context.getHandler().name}`;
    return next.handle().pipe(tap(() => this.logger.debug(`${name} took ${(performance.now() - started).toFixed(1)} ms`)));
  }
}
