import type { TesterEvent } from '../../shared/contract/events'
import { ProfileSchema, type Profile, type ProfileInput } from '../../shared/domain/profile'
import type { AuthWindowRequest } from '../../main/capture/auth-window'
import { systemClock, type Clock } from '../../main/clock'
import { FlowEngine } from '../../main/flows/engine'
import { HttpClient } from '../../main/http/client'
import type { HttpExchange } from '../../main/http/exchange'
import { BUILT_IN_PROFILES, LOCAL_SANDBOX_ID } from '../../main/profiles/builtin'
import { SandboxManager } from '../../main/sandbox/sandbox-manager'
import { TokenLifecycle } from '../../main/tokens/lifecycle'
import type { RunView } from '../../shared/domain/run'
import { loginThroughSandbox } from './sandbox-login'

/**
 * A real flow engine wired to the real embedded sandbox and real HTTP, with what a host would
 * do (open the browser, show events) recorded for assertions.
 */
export class EngineHarness {
  readonly http: HttpClient
  readonly sandbox: SandboxManager
  readonly engine: FlowEngine
  /** The token store and its actions, fed by the engine like in the service. */
  readonly tokens: TokenLifecycle
  readonly events: TesterEvent[] = []
  readonly exchanges: HttpExchange[] = []
  readonly opened: string[] = []
  /** Auth windows the engine asked for (the Electron window itself cannot run here). */
  readonly authWindows: (AuthWindowRequest & { closedByEngine: boolean })[] = []
  private readonly profiles = new Map<string, Profile>(BUILT_IN_PROFILES.map((p) => [p.id, p]))
  /** Vault stand-in: secret values per profile id. */
  readonly secrets = new Map<string, Record<string, string>>()

  constructor(readonly clock: Clock = systemClock, sandbox?: SandboxManager, opts: { authWindow?: boolean; http?: HttpClient } = {}) {
    this.http = opts.http ?? new HttpClient(clock)
    this.http.onExchange((ex) => this.exchanges.push(ex))
    this.sandbox = sandbox ?? new SandboxManager(clock)
    this.tokens = new TokenLifecycle({
      clock,
      http: this.http,
      secrets: async (profileId) => this.secrets.get(profileId) ?? {},
      emit: (event) => this.events.push(event),
      sandbox: this.sandbox,
    })
    this.engine = new FlowEngine({
      clock,
      http: this.http,
      sandbox: this.sandbox,
      profile: async (id) => this.profiles.get(id),
      secrets: async (profileId) => this.secrets.get(profileId) ?? {},
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
      onTokens: (run) => this.tokens.adopt(run),
    })
  }

  /** Adds a profile based on the local sandbox one, with overrides. */
  addProfile(overrides: Partial<ProfileInput> & { id: string }): Profile {
    const base = BUILT_IN_PROFILES.find((p) => p.id === LOCAL_SANDBOX_ID)!
    const profile = ProfileSchema.parse({ ...base, builtIn: false, ...overrides })
    this.profiles.set(profile.id, profile)
    return profile
  }

  /** Runs a whole flow through the sandbox's login pages; answers the finished run. */
  async completeRun(profileId = LOCAL_SANDBOX_ID): Promise<RunView> {
    const started = await this.engine.start(profileId)
    if (!started.ok) throw new Error(started.error.message)
    const { redirect } = await loginThroughSandbox(started.value.authorizeUrl!)
    const delivered = await this.engine.deliver({ url: redirect, method: 'paste' })
    if (delivered.outcome !== 'accepted') throw new Error(delivered.message)
    const done = await this.engine.settled(started.value.id)
    if (done?.status !== 'succeeded') throw new Error(`run ended ${done?.status}: ${done?.diagnoses[0]?.summary ?? ''}`)
    return done
  }

  tokenRequests(runId: string): HttpExchange[] {
    return this.exchanges.filter((ex) => ex.runId === runId && ex.step === 'token')
  }

  async close(): Promise<void> {
    await this.engine.stopAll()
    this.tokens.close()
    await this.sandbox.stop()
  }
}
