/**
 * Stage: load — data is frozen after load (and after every stage that makes a new report), so no later stage can
 * change it behind another's back. Input: a plain JSON value → the same value, deeply frozen.
 */

/** Freezes a plain JSON value and everything in it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
