import { Injectable, type CanActivate } from '@nestjs/common';

/** Refuses writes when the server runs with READ_ONLY=1: an ordinary Nest guard on MCP tools. */
@Injectable()
export class ReadOnlyGuard implements CanActivate {
  canActivate(): boolean {
    return process.env.READ_ONLY !== '1';
  }
}
