import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * Whether the fast path may serve this app: its HTTP pieces are built on Express (the front
 * door, responses answered on Express's Node pair), so on another platform it declines, once
 * and quietly, and the stock path serves. An app without HTTP (stdio) keeps the handler
 * composer. Asked on first use: a testing module gets its platform after its providers exist.
 */
@Injectable()
export class ExpressPlatformCheck {
  private readonly logger = new Logger('McpFastPath');
  private verdict?: boolean;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  get allows(): boolean {
    if (this.verdict !== undefined) return this.verdict;
    const type = this.adapterHost.httpAdapter?.getType();
    this.verdict = type === undefined || type === 'express';
    if (!this.verdict) this.logger.log(`The fast path serves Express apps; on ${type} the stock path serves.`);
    return this.verdict;
  }
}
