import type { Clock } from '../clock'

/** Stop an embedded server after this long without a run that needs it. */
export const IDLE_STOP_MS = 10 * 60_000

export interface Closable {
  close(): Promise<void>
}

/**
 * Starts a local server on first use and stops it when idle, so it listens on 127.0.0.1 only
 * while needed. `launch` decides how to start it (for example on the ports it had before, so
 * a profile's URLs stay the same for the whole app session).
 */
export class OnDemandServer<T extends Closable> {
  private running?: Promise<T>
  private users = 0
  private cancelIdle?: () => void

  constructor(
    private readonly clock: Clock,
    private readonly launch: () => Promise<T>,
  ) {}

  /** Starts (or reuses) the server and holds it until `release` is called. */
  async acquire(): Promise<T> {
    this.users++
    this.cancelIdle?.()
    this.cancelIdle = undefined
    try {
      return await this.ensure()
    } catch (error) {
      this.users--
      throw error
    }
  }

  release(): void {
    this.users = Math.max(0, this.users - 1)
    if (this.users === 0 && this.running) {
      this.cancelIdle = this.clock.at(this.clock.now() + IDLE_STOP_MS, () => void this.stop())
    }
  }

  /** The server when it runs, without starting it. */
  async current(): Promise<T | undefined> {
    return this.running ? this.running.catch(() => undefined) : undefined
  }

  async stop(): Promise<void> {
    this.cancelIdle?.()
    this.cancelIdle = undefined
    const running = this.running
    this.running = undefined
    if (running) await (await running.catch(() => undefined))?.close()
  }

  private ensure(): Promise<T> {
    if (!this.running) {
      this.running = this.launch()
      this.running.catch(() => {
        this.running = undefined
      })
    }
    return this.running
  }
}
