import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { EventStore, JSONRPCMessage } from '@modelcontextprotocol/server';
import { MoreThan, type DataSource, type Repository } from 'typeorm';
import { ColumnCipher } from '../encryption/column-cipher.js';
import { isUndecryptable } from '../encryption/undecryptable-value.js';
import { McpStreamEventEntity } from '../entities/mcp-stream-event.entity.js';

/**
 * The SDK's `EventStore` for the streams of one legacy session, in `mcp_stream_events`. One
 * instance per session: the SDK names every session's standalone stream alike, and an event
 * id must never replay another session's stream. With a cipher that has keys, messages are
 * stored encrypted: inline, since the SDK sends an event only once it is stored, at a cost far
 * below the insert's own.
 *
 * @publicApi
 */
export class TypeOrmEventStore implements EventStore {
  private static readonly logger = new Logger('McpEventStore');
  private readonly events: Repository<McpStreamEventEntity>;

  constructor(
    dataSource: DataSource,
    private readonly sessionId: string,
    private readonly cipher: ColumnCipher = new ColumnCipher(),
  ) {
    this.events = dataSource.getRepository(McpStreamEventEntity);
  }

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    try {
      const { identifiers } = await this.events.insert({
        sessionId: this.sessionId,
        streamId,
        message: this.cipher.seal(message) as JSONRPCMessage,
        createdAt: new Date(),
      });
      return String(identifiers[0]!.seq);
    } catch (error) {
      // The SDK sends nothing when this throws. Better a message that cannot be replayed than a
      // lost one: an id no replay will find (a resuming client gets a 400 and starts afresh).
      TypeOrmEventStore.logger.warn(`Stream event of session ${this.sessionId} not stored: ${(error as Error).message}`);
      return `unstored-${randomUUID()}`;
    }
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    if (!/^\d{1,15}$/.test(eventId)) return undefined;
    const event = await this.events.findOne({ where: { seq: eventId, sessionId: this.sessionId }, select: { streamId: true } });
    return event?.streamId;
  }

  async replayEventsAfter(lastEventId: string, { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> }): Promise<string> {
    const streamId = await this.getStreamIdForEventId(lastEventId);
    if (streamId === undefined) throw new Error(`Unknown event id ${lastEventId}`);
    const events = await this.events.find({
      where: { sessionId: this.sessionId, streamId, seq: MoreThan(lastEventId) },
      order: { seq: 'ASC' },
    });
    for (const event of events) {
      const message = this.cipher.open(event.message);
      // A gap in a replay would be worse than none: the client starts afresh on this error.
      if (isUndecryptable(message)) throw new Error(`Event ${event.seq} of session ${this.sessionId} cannot be decrypted (key "${message.keyId}")`);
      // Priming events (spec: an empty `data` that only carries an id) are not messages.
      if (Object.keys(message as object).length > 0) await send(String(event.seq), message as JSONRPCMessage);
    }
    return streamId;
  }
}
