import { HttpException } from '@nestjs/common';

/** Why a guard's exception refused a request (401 / 403 `HttpException`s); `undefined` for any other error. */
export function denialReason(error: unknown): string | undefined {
  if (!(error instanceof HttpException)) return undefined;
  const status = error.getStatus();
  if (status === 401) return 'not authenticated (refused by a guard)';
  return status === 403 ? 'refused by a guard' : undefined;
}
