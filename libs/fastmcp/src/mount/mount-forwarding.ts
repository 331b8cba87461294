import type { Client } from '@modelcontextprotocol/client';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { McpElicitSchema } from '../interfaces/mcp-context.interface.js';
import type { MountCallRouter } from './mount-call-router.js';

type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'error';
const LOG_LEVELS: Record<string, LogLevel> = { debug: 'debug', info: 'info', notice: 'notice', warning: 'warning', error: 'error', critical: 'error', alert: 'error', emergency: 'error' };

/**
 * Passes what a mounted server asks of its client on to our own client, through the call that
 * is waiting on it: elicitation, sampling and log messages. In the 2026-07-28 era our
 * `ctx.elicit()` ends the round with `input_required`; that error ends our waiting call too, and
 * the retried call runs the mounted tool again, whose question is then answered at once.
 */
export function forwardClientRequests(client: Client, router: MountCallRouter): void {
  const callOrRefuse = (what: string) => {
    const call = router.current();
    if (!call) throw new ProtocolError(ProtocolErrorCode.InvalidRequest, `No call is waiting on this server: cannot forward ${what}`);
    return call;
  };

  client.setRequestHandler('elicitation/create', async (request) => {
    const call = callOrRefuse('elicitation');
    const params = request.params;
    try {
      if (params.mode === 'url') return await call.ctx.elicitUrl(params.message, params.url);
      const answer = await call.ctx.elicit(params.message, params.requestedSchema as McpElicitSchema);
      return answer.action === 'accept' ? { action: 'accept', content: answer.content as Record<string, string | number | boolean | string[]> } : { action: answer.action };
    } catch (error) {
      call.fail(error);
      throw error;
    }
  });

  client.setRequestHandler('sampling/createMessage', async (request) => {
    const call = callOrRefuse('sampling');
    const { messages, ...options } = request.params;
    try {
      return await call.ctx.sample(messages, options);
    } catch (error) {
      call.fail(error);
      throw error;
    }
  });

  client.setNotificationHandler('notifications/message', (notification) => {
    const call = router.current();
    if (!call) return;
    const { level, data, logger } = notification.params;
    const message = typeof data === 'string' ? data : JSON.stringify(data);
    call.ctx.log[LOG_LEVELS[level] ?? 'info'](logger ? `${logger}: ${message}` : message);
  });
}
