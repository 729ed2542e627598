import type { Clock } from '../clock'
import { startOidcSandbox, type OidcSandbox, type SandboxOptions } from './oidc/oidc-sandbox'

/** Stop the embedded server after this long without a run that needs it. */
const IDLE_STOP_MS = 10 * 60_000

/**
 * Starts the embedded authorization server on first use and stops it when idle, so it
 * listens on 127.0.0.1 only while needed. It keeps its port across restarts when it can,
 * so a profile's issuer stays the same for the whole app session.
 */
export class SandboxManager {
  private running?: Promise<OidcSandbox>
  private lastPort = 0
  private users = 0
  private cancelIdle?: () => void

  constructor(
    private readonly clock: Clock,
    private readonly options: SandboxOptions = {},
  ) {}

  /** Starts (or reuses) the server and holds it until `release` is called. */
  async acquire(): Promise<OidcSandbox> {
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

  /** The server's issuer when it runs, without starting it. */
  async current(): Promise<OidcSandbox | undefined> {
    return this.running ? this.running.catch(() => undefined) : undefined
  }

  async stop(): Promise<void> {
    this.cancelIdle?.()
    this.cancelIdle = undefined
    const running = this.running
    this.running = undefined
    if (running) await (await running.catch(() => undefined))?.close()
  }

  private ensure(): Promise<OidcSandbox> {
    if (!this.running) {
      const start = async (): Promise<OidcSandbox> => {
        try {
          return await startOidcSandbox({ ...this.options, port: this.options.port ?? this.lastPort })
        } catch (error) {
          // The old port was taken meanwhile: any free port will do.
          if (this.lastPort !== 0) return startOidcSandbox({ ...this.options, port: 0 })
          throw error
        }
      }
      this.running = start().then((sandbox) => {
        this.lastPort = sandbox.port
        return sandbox
      })
      this.running.catch(() => {
        this.running = undefined
      })
    }
    return this.running
  }
}
