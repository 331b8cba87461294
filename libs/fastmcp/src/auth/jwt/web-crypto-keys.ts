import { webcrypto, type KeyObject } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;

/** WebCrypto import parameters of each JWS algorithm (RFC 7518 §3.1). */
const IMPORT_PARAMS: Record<string, webcrypto.HmacImportParams | webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams> = {
  HS256: { name: 'HMAC', hash: 'SHA-256' },
  HS384: { name: 'HMAC', hash: 'SHA-384' },
  HS512: { name: 'HMAC', hash: 'SHA-512' },
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  RS384: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  RS512: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  PS384: { name: 'RSA-PSS', hash: 'SHA-384' },
  PS512: { name: 'RSA-PSS', hash: 'SHA-512' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
  ES512: { name: 'ECDSA', namedCurve: 'P-521' },
};

/**
 * The WebCrypto key of a key object for one algorithm, imported once. jose verifies with
 * WebCrypto and, handed a `KeyObject`, converts it again on every call; handed the `CryptoKey`
 * it verifies at once (docs/performance.md, "Authenticated calls"). A key or algorithm this
 * table does not know, or one WebCrypto will not import for it, is handed to jose as the key
 * object: jose then accepts or refuses it as it always would.
 */
export class WebCryptoKeys {
  private readonly imported = new WeakMap<KeyObject, Map<string, Promise<CryptoKey | KeyObject>>>();

  for(key: KeyObject, alg: string): Promise<CryptoKey | KeyObject> {
    // `alg` comes from the token: only the table's names are remembered, or forged ones would fill memory.
    if (!Object.hasOwn(IMPORT_PARAMS, alg)) return Promise.resolve(key);
    let byAlg = this.imported.get(key);
    if (!byAlg) this.imported.set(key, (byAlg = new Map()));
    let found = byAlg.get(alg);
    if (!found) byAlg.set(alg, (found = importFor(key, alg)));
    return found;
  }
}

async function importFor(key: KeyObject, alg: string): Promise<CryptoKey | KeyObject> {
  const params = IMPORT_PARAMS[alg]!;
  try {
    if (key.type === 'secret') {
      if (params.name !== 'HMAC') return key;
      return await webcrypto.subtle.importKey('raw', key.export(), params, false, ['verify']);
    }
    if (key.type !== 'public') return key;
    return await webcrypto.subtle.importKey('spki', key.export({ format: 'der', type: 'spki' }), params, false, ['verify']);
  } catch {
    return key;
  }
}
