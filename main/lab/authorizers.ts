import { openLoopback, type LoopbackListener, type LoopbackVerdict } from '../capture/loopback'
import type { Clock } from '../clock'
import { SANDBOX_PASTE_REDIRECT } from '../sandbox/oidc/oidc-sandbox'
import { signInThroughSandbox, type LoginOutcome } from './sandbox-login'

/** How a scenario's user signs in and the redirect comes back to the lab. */
export interface Authorizer {
  readonly kind: 'sandbox-form' | 'browser'
  /** The redirect URI the lab's authorization requests name. */
  readonly redirectUri: string
  login(authorizeUrl: string, opts?: { deny?: boolean }): Promise<LoginOutcome>
  close(): Promise<void>
}

/**
 * The embedded sandbox: the lab signs in as the first demo user on the real pages and stops
 * at the redirect to the client (the address the paste way back registers, where nothing
 * listens), so no browser is needed.
 */
export class SandboxFormAuthorizer implements Authorizer {
  readonly kind = 'sandbox-form'
  readonly redirectUri = SANDBOX_PASTE_REDIRECT

  login(authorizeUrl: string, opts: { deny?: boolean } = {}): Promise<LoginOutcome> {
    return signInThroughSandbox(authorizeUrl, opts)
  }

  async close(): Promise<void> {}
}

/**
 * A user's own server: the lab opens the authorization page in the browser and takes the
 * redirect on a loopback listener (RFC 8252 §7.3), one for the whole lab run. The first scenario
 * needs the user to sign in; after that most servers send the browser straight back.
 */
export class BrowserAuthorizer implements Authorizer {
  readonly kind = 'browser'
  private readonly waiting = new Map<string, (url: string) => void>()

  private constructor(
    private readonly listener: LoopbackListener,
    private readonly deps: { clock: Clock; openBrowser(url: string): Promise<void>; timeoutSeconds: number },
  ) {}

  get redirectUri(): string {
    return this.listener.redirectUri
  }

  static async open(opts: { port: number; path: string; clock: Clock; openBrowser(url: string): Promise<void>; timeoutSeconds: number }): Promise<BrowserAuthorizer> {
    const ready: { self?: BrowserAuthorizer } = {}
    const listener = await openLoopback({ port: opts.port, path: opts.path, onRedirect: async (url) => ready.self?.arrived(url) ?? { outcome: 'rejected', message: 'The scenario lab is not ready.' } })
    ready.self = new BrowserAuthorizer(listener, opts)
    return ready.self
  }

  login(authorizeUrl: string): Promise<LoginOutcome> {
    const state = new URL(authorizeUrl).searchParams.get('state') ?? ''
    return new Promise<LoginOutcome>((resolve) => {
      const { clock, timeoutSeconds } = this.deps
      const cancel = clock.at(clock.now() + timeoutSeconds * 1000, () => {
        this.waiting.delete(state)
        resolve({ kind: 'timeout', seconds: timeoutSeconds })
      })
      this.waiting.set(state, (url) => {
        cancel()
        this.waiting.delete(state)
        resolve({ kind: 'redirect', url })
      })
      this.deps.openBrowser(authorizeUrl).catch(() => {
        // The page can still be opened by hand from the lab view; the timeout ends the wait.
      })
    })
  }

  private arrived(url: string): LoopbackVerdict {
    const state = stateOf(url)
    // A server that drops `state` still reaches the one scenario that waits.
    const take = (state !== null ? this.waiting.get(state) : undefined) ?? (this.waiting.size === 1 ? [...this.waiting.values()][0] : undefined)
    if (!take) return { outcome: 'rejected', message: 'No scenario of the lab is waiting for this redirect.' }
    take(url)
    return { outcome: 'accepted', message: 'The scenario lab took this redirect; you can close this tab.' }
  }

  close(): Promise<void> {
    return this.listener.close()
  }
}

function stateOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.searchParams.get('state') ?? new URLSearchParams(parsed.hash.slice(1)).get('state')
  } catch {
    return null
  }
}
