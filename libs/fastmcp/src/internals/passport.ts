/**
 * The passport internals this library uses, in one place: passport has no public lookup of a
 * strategy by name, and `_strategy` is what its own `authenticate` uses.
 */
import passport from 'passport';

interface PassportInternals {
  _strategy(name: string): unknown;
}

/** Whether a strategy of this name is registered with passport. */
export function passportHasStrategy(name: string): boolean {
  return (passport as unknown as PassportInternals)._strategy(name) !== undefined;
}
