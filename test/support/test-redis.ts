/** The machine's shared Redis; tests keep to a random key prefix of their own and never flush it. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
