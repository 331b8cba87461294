import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/**
 * Listens to pub/sub `channels` on the shared subscriber connection: `onMessage` hears only
 * them. The channels are subscribed now and again each time the connection is ready (after a
 * reconnect, or when a subscription was refused while the connection was still coming up), so
 * an instance that started while Redis was away hears the others once it is back.
 * Returns the function that stops listening.
 */
export function listenToChannels(subscriber: Redis, channels: readonly string[], onMessage: (channel: string, message: string) => void, logger: Logger): () => void {
  const wanted = new Set(channels);
  const received = (channel: string, message: string) => {
    if (wanted.has(channel)) onMessage(channel, message);
  };
  const subscribe = () => {
    subscriber.subscribe(...channels).catch((error: Error) => logger.warn(`Not subscribed to ${channels.join(', ')} yet: ${error.message}; again once Redis is ready`));
  };
  subscriber.on('message', received);
  subscriber.on('ready', subscribe);
  if (subscriber.status === 'ready') subscribe();
  return () => {
    subscriber.off('message', received);
    subscriber.off('ready', subscribe);
  };
}
