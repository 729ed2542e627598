import { ManualClock } from '../../main/lab/manual-clock'

/**
 * A clock that only moves when the test says so: the lab's own manual clock (the same code the
 * "login slower than the session" scenario runs on), starting at a fixed instant.
 */
export class FakeClock extends ManualClock {
  constructor(start = Date.UTC(2026, 10, 23, 12, 0, 0)) {
    super(start)
  }
}
