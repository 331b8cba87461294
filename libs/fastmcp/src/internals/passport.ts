/**
 * The passport internals this library uses, in one place: passport has no public lookup of a
 * strategy by name, and `_strategy` is what its own `authenticate` uses.
 */
import passport from 'passport';

interface PassportInternals {
  _strategy(name: string): unknown;
}

/** The strategy registered with passport under this name, if any. */
export function passportStrategy(name: string): unknown {
  return (passport as unknown as PassportInternals)._strategy(name);
}

/** Whether a strategy of this name is registered with passport. */
export function passportHasStrategy(name: string): boolean {
  return passportStrategy(name) !== undefined;
}
