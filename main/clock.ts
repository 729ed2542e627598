/**
 * Time is injected: countdowns, expiry and "was the code older than 10 minutes" are
 * decided by a Clock, so tests drive them with a fake one instead of sleeping.
 */
export interface Clock {
  now(): number
  /** Calls `fn` once at (or after) epoch-ms `at`; returns a cancel function. */
  at(at: number, fn: () => void): () => void
}

/** Timers longer than this are re-armed, because Node caps setTimeout at ~24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1

export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    let handle: NodeJS.Timeout
    const arm = (): void => {
      const wait = at - Date.now()
      handle = setTimeout(wait > MAX_TIMER_MS ? arm : fn, Math.min(Math.max(wait, 0), MAX_TIMER_MS))
      handle.unref()
    }
    arm()
    return () => clearTimeout(handle)
  },
}
