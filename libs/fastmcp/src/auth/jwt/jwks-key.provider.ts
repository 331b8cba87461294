import type { KeyObject } from 'node:crypto';
import { JwksKeySet, type JwksKeyProviderOptions } from './jwks-key-set.js';
import { kidOf } from './jwt-header.js';

export type { JwksKeyProviderOptions } from './jwks-key-set.js';

type Done = (error: Error | null, key?: KeyObject) => void;

/**
 * A passport-jwt `secretOrKeyProvider` over a JWKS URL (`JwksKeySet`): the public key of the
 * token's `kid`, as a key object made once per fetch of the set.
 *
 * @publicApi
 */
export function jwksKeyProvider(jwksUri: string, options: JwksKeyProviderOptions = {}) {
  const keySet = new JwksKeySet(jwksUri, options);
  return (_request: unknown, rawJwt: string, done: Done): void => {
    let kid: string | undefined;
    try {
      kid = kidOf(rawJwt);
    } catch {
      return done(new Error('Malformed token header'));
    }
    keySet.keyFor(kid).then(
      (key) => done(null, key),
      (error: Error) => done(error),
    );
  };
}
