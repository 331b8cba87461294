import { Injectable, type NestMiddleware } from '@nestjs/common';

/** Stands in for Passport: the principal comes from the `x-user` header. */
@Injectable()
export class HeaderUserMiddleware implements NestMiddleware {
  use(req: { headers: Record<string, string | string[] | undefined>; user?: unknown }, _res: unknown, next: () => void) {
    if (typeof req.headers['x-user'] === 'string') req.user = { sub: req.headers['x-user'] };
    next();
  }
}
