/** The façades' only access to the wall clock: an injected `now`, the system clock by default. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Epoch ms of the clock's current instant; a clock returning an invalid Date is a programming error. */
export function nowMs(clock: Clock = systemClock): number {
  const t = clock().getTime();
  if (!Number.isFinite(t)) throw new TypeError('now() returned an invalid Date');
  return t;
}
