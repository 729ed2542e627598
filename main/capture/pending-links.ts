/**
 * Holds deep links that arrive before anyone can take them: macOS fires `open-url` before the
 * app is ready, and a cold start carries the link in its own argv before the window exists.
 * Once `release` is called with a handler, the held links go to it in arrival order and
 * later ones pass straight through. Pure, so the timing rules are unit tested.
 */
export class PendingLinks {
  private held: string[] = []
  private handler?: (url: string) => void
  private droppedCount = 0

  /** At most this many links wait; a flood keeps the newest, since the latest run matters. */
  constructor(private readonly limit = 16) {}

  offer(url: string): void {
    if (this.handler) {
      pass(this.handler, url)
      return
    }
    this.held.push(url)
    if (this.held.length > this.limit) {
      this.held.shift()
      this.droppedCount++
    }
  }

  /** From now on links go to `handler`; the held ones first, in order. */
  release(handler: (url: string) => void): void {
    this.handler = handler
    const held = this.held
    this.held = []
    for (const url of held) pass(handler, url)
  }

  /** Back to holding (the window went away). */
  hold(): void {
    this.handler = undefined
  }

  get waiting(): readonly string[] {
    return this.held
  }

  get dropped(): number {
    return this.droppedCount
  }
}

/** One bad link must not stop the others. */
function pass(handler: (url: string) => void, url: string): void {
  try {
    handler(url)
  } catch {
    // The inbox reports its own failures; nothing to add here.
  }
}
