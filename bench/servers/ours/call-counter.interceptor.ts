import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';

/** An interceptor of the ordinary kind on the benchmarked tool: it wraps the call's observable. */
@Injectable()
export class CallCounterInterceptor implements NestInterceptor {
  calls = 0;

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(tap(() => this.calls++));
  }
}
