import type { Clock } from '../clock'

/**
 * The lab's own clock for scenarios about time ("login slower than the session"): it starts at
 * the real time and moves only when the scenario says, so ten minutes pass in no time. It is
 * used by that scenario alone; nothing else in the app ever sees it.
 */
export class ManualClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = []
  private nextId = 0

  constructor(private current: number) {}

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
