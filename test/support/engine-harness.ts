import type { TesterEvent } from '../../shared/contract/events'
import { ProfileSchema, type Profile, type ProfileInput } from '../../shared/domain/profile'
import type { AuthWindowRequest } from '../../main/capture/auth-window'
import { systemClock, type Clock } from '../../main/clock'
import { FlowEngine } from '../../main/flows/engine'
import { HttpClient } from '../../main/http/client'
import type { HttpExchange } from '../../main/http/exchange'
import { BUILT_IN_PROFILES, LOCAL_SANDBOX_ID } from '../../main/profiles/builtin'
import { SandboxManager } from '../../main/sandbox/sandbox-manager'

/**
 * A real flow engine wired to the real embedded sandbox and real HTTP, with what a host would
 * do (open the browser, show events) recorded for assertions.
 */
export class EngineHarness {
  readonly http: HttpClient
  readonly sandbox: SandboxManager
  readonly engine: FlowEngine
  readonly events: TesterEvent[] = []
  readonly exchanges: HttpExchange[] = []
  readonly opened: string[] = []
  /** Auth windows the engine asked for (the Electron window itself cannot run here). */
  readonly authWindows: (AuthWindowRequest & { closedByEngine: boolean })[] = []
  private readonly profiles = new Map<string, Profile>(BUILT_IN_PROFILES.map((p) => [p.id, p]))

  constructor(readonly clock: Clock = systemClock, sandbox?: SandboxManager, opts: { authWindow?: boolean } = {}) {
    this.http = new HttpClient(clock)
    this.http.onExchange((ex) => this.exchanges.push(ex))
    this.sandbox = sandbox ?? new SandboxManager(clock)
    this.engine = new FlowEngine({
      clock,
      http: this.http,
      sandbox: this.sandbox,
      profile: async (id) => this.profiles.get(id),
      secrets: async () => ({}),
      openBrowser: async (url) => {
        this.opened.push(url)
      },
      ...(opts.authWindow && {
        openAuthWindow: (request: AuthWindowRequest) => {
          const record = { ...request, closedByEngine: false }
          this.authWindows.push(record)
          return { close: () => void (record.closedByEngine = true) }
        },
      }),
      emit: (event) => this.events.push(event),
    })
  }

  /** Adds a profile based on the local sandbox one, with overrides. */
  addProfile(overrides: Partial<ProfileInput> & { id: string }): Profile {
    const base = BUILT_IN_PROFILES.find((p) => p.id === LOCAL_SANDBOX_ID)!
    const profile = ProfileSchema.parse({ ...base, builtIn: false, ...overrides })
    this.profiles.set(profile.id, profile)
    return profile
  }

  tokenRequests(runId: string): HttpExchange[] {
    return this.exchanges.filter((ex) => ex.runId === runId && ex.step === 'token')
  }

  async close(): Promise<void> {
    await this.engine.stopAll()
    await this.sandbox.stop()
  }
}
