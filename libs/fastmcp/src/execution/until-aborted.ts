import type { CallCancellation } from './call-cancellation.js';

/**
 * Settles with `work`, or rejects with the cancellation's reason as soon as the call stops: a
 * cancelled or timed-out call stops waiting even when the handler ignores its signal. A late
 * rejection of the abandoned work is swallowed so it cannot surface as an unhandled rejection.
 */
export function untilAborted<T>(work: Promise<T>, cancellation: CallCancellation): Promise<T> {
  if (cancellation.aborted) {
    work.catch(() => undefined);
    return Promise.reject(cancellation.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = cancellation.onCancel((reason) => {
      work.catch(() => undefined);
      reject(reason);
    });
    work.then(
      (value) => {
        unsubscribe();
        resolve(value);
      },
      (error: unknown) => {
        unsubscribe();
        reject(error);
      },
    );
  });
}
