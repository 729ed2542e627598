import type { Clock } from '../../main/clock'

/** A clock that only moves when the test says so. */
export class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = []
  private nextId = 0

  constructor(private current = Date.UTC(2026, 10, 23, 12, 0, 0)) {}

  now(): number {
    return this.current
  }

  at(at: number, fn: () => void): () => void {
    const id = this.nextId++
    this.timers.push({ at, fn, id })
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id)
    }
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.current + ms
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.timers = this.timers.filter((t) => t.id !== due.id)
      this.current = Math.max(this.current, due.at)
      due.fn()
    }
    this.current = target
  }
}
