import type { TesterEvent } from '../../shared/contract/events'
import type { RunOptions } from '../../shared/contract/calls'
import { ProfileSchema, type Profile, type ProfileInput } from '../../shared/domain/profile'
import type { RunView } from '../../shared/domain/run'
import { FlowEngine } from '../../main/flows/engine'
import type { HttpExchange } from '../../main/http/exchange'
import { BUILT_IN_PROFILES } from '../../main/profiles/builtin'
import { SandboxManager } from '../../main/sandbox/sandbox-manager'
import { VendorSimulatorManager, type VendorSimulatorSettings } from '../../main/sandbox/vendor-simulator-manager'
import type { EnvironmentName } from '../../main/sandbox/vendor/environments'
import type { VendorSimulator } from '../../main/sandbox/vendor/simulator'
import type { UserKind } from '../../main/sandbox/vendor/users'
import { TokenLifecycle } from '../../main/tokens/lifecycle'
import { FakeClock } from './fake-clock'
import { walkHostedUi, type HostedResult } from './hosted-ui-walk'
import { TamperingHttpClient } from './tampering-http'

/**
 * The real flow engine against the real vendor simulator over HTTP on 127.0.0.1, both on one
 * fake clock, with a tampering HTTP client to provoke the mistakes the engine never makes.
 */
export class VendorEngineHarness {
  readonly clock = new FakeClock()
  readonly http = new TamperingHttpClient(this.clock)
  readonly simulator: VendorSimulatorManager
  readonly engine: FlowEngine
  readonly tokens: TokenLifecycle
  readonly events: TesterEvent[] = []
  readonly exchanges: HttpExchange[] = []
  readonly opened: string[] = []
  /** Vault stand-in: secret values per profile id. */
  readonly secrets = new Map<string, Record<string, string>>()
  readonly remembered: { profileId: string; email: string }[] = []
  private readonly profiles = new Map<string, Profile>(BUILT_IN_PROFILES.map((p) => [p.id, p]))
  private held?: VendorSimulator

  constructor(settings: VendorSimulatorSettings = {}, opts: { vault?: boolean } = {}) {
    this.simulator = new VendorSimulatorManager(this.clock, settings)
    this.http.onExchange((ex) => this.exchanges.push(ex))
    const secrets = async (profileId: string): Promise<Record<string, string>> => this.secrets.get(profileId) ?? {}
    const sandbox = new SandboxManager(this.clock)
    this.tokens = new TokenLifecycle({ clock: this.clock, http: this.http, secrets, emit: (e) => this.events.push(e), vendorSimulator: this.simulator })
    this.engine = new FlowEngine({
      clock: this.clock,
      http: this.http,
      sandbox,
      vendorSimulator: this.simulator,
      profile: async (id) => this.profiles.get(id),
      secrets,
      openBrowser: async (url) => void this.opened.push(url),
      emit: (e) => this.events.push(e),
      onTokens: (run) => this.tokens.adopt(run),
      ...(opts.vault && {
        rememberLogin: async (profileId: string, login: { email: string; password: string }) => void this.remembered.push({ profileId, email: login.email }),
      }),
    })
  }

  /** The running simulator (held until `close`), to read base URLs, keys and OTP codes. */
  async sim(): Promise<VendorSimulator> {
    this.held ??= await this.simulator.acquire()
    return this.held
  }

  /**
   * A profile that is not embedded: the simulator's host typed in, keys as a user would enter
   * them (the secret in the vault stand-in). Overrides provoke mistakes on purpose.
   */
  async custom(
    id: string,
    opts: { environment?: EnvironmentName; region?: 'international' | 'us'; flow?: 'vendor-api' | 'vendor-hosted'; clientKey?: string | null; secretKey?: string | null; profile?: Partial<ProfileInput> } = {},
  ): Promise<Profile> {
    const sim = await this.sim()
    const environment = opts.environment ?? 'sandbox'
    const region = opts.region ?? 'international'
    const keys = sim.environments[environment].keys[region][0]!
    const clientKey = opts.clientKey === undefined ? keys.clientKey : opts.clientKey
    const secretKey = opts.secretKey === undefined ? keys.secretKey : opts.secretKey
    const profile = ProfileSchema.parse({
      id,
      name: id,
      environment,
      region,
      flow: opts.flow ?? 'vendor-api',
      apiBaseUrl: sim.environments[environment].baseUrl,
      clientId: clientKey ?? keys.clientKey,
      clientAuth: 'headers',
      clientHeaders: clientKey === null ? {} : { 'x-client-key': clientKey },
      secretHeaders: ['x-secret-key'],
      scopes: '',
      capture: { method: 'loopback', loopbackPort: 0, loopbackPath: '/callback', redirectUri: 'https://example.com/callback' },
      testRequest: { method: 'GET', url: '/v1/user/profile' },
      ...opts.profile,
    })
    this.profiles.set(id, profile)
    this.secrets.set(id, secretKey === null ? {} : { 'x-secret-key': secretKey })
    return profile
  }

  async start(profileId: string, options: RunOptions = {}): Promise<RunView> {
    const started = await this.engine.start(profileId, options)
    if (!started.ok) throw new Error(started.error.message)
    return started.value
  }

  /** A demo user of the environment and region. */
  async user(kind: UserKind, environment: EnvironmentName = 'sandbox', region: 'international' | 'us' = 'international') {
    const user = (await this.sim()).environments[environment].users[region].find((u) => u.kind === kind)
    if (!user) throw new Error(`no ${kind} user`)
    return user
  }

  async login(runId: string, kind: UserKind, environment: EnvironmentName = 'sandbox', region: 'international' | 'us' = 'international'): Promise<RunView> {
    const user = await this.user(kind, environment, region)
    return this.ok(await this.engine.submitLogin(runId, { email: user.email, password: user.password }))
  }

  /** The SMS the simulator "sent", read the way a tester reads their phone. */
  async otp(kind: UserKind = 'otp', environment: EnvironmentName = 'sandbox', region: 'international' | 'us' = 'international'): Promise<string> {
    const user = await this.user(kind, environment, region)
    const code = (await this.sim()).environments[environment].lastOtp(user.email, region)
    if (code === undefined) throw new Error('no OTP sent')
    return code
  }

  /** API mode from start to the end: login, the OTP when asked, then steps 3–4 and the check. */
  async completeApi(profileId: string, kind: UserKind = 'plain', environment: EnvironmentName = 'sandbox', region: 'international' | 'us' = 'international'): Promise<RunView> {
    const run = await this.start(profileId)
    let view = await this.login(run.id, kind, environment, region)
    if (view.status === 'awaiting-otp') {
      this.ok(await this.engine.sendOtp(run.id))
      view = this.ok(await this.engine.submitOtp(run.id, await this.otp(kind, environment, region)))
    }
    return (await this.engine.settled(run.id)) ?? view
  }

  /** Hosted mode: the browser walks the vendor's pages; the redirect reaches the run's listener. */
  async walkHosted(run: RunView, kind: UserKind = 'plain', decision: 'allow' | 'deny' = 'allow'): Promise<HostedResult & { verdict?: string }> {
    const user = await this.user(kind)
    const sim = await this.sim()
    const result = await walkHostedUi(run.authorizeUrl!, { email: user.email, password: user.password, decision, otp: () => sim.environments.sandbox.lastOtp(user.email) })
    if (!result.redirect) return result
    // The browser follows the redirect to the loopback listener, as a real one would.
    const verdict = result.redirect.startsWith('http://127.0.0.1') ? await (await fetch(result.redirect)).text() : undefined
    return { ...result, ...(verdict !== undefined && { verdict }) }
  }

  ok(result: { ok: true; value: RunView } | { ok: false; error: { message: string } }): RunView {
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }

  /** The run's recorded requests of one step. */
  requests(runId: string, step: string): HttpExchange[] {
    return this.exchanges.filter((ex) => ex.runId === runId && ex.step === step)
  }

  async close(): Promise<void> {
    await this.engine.stopAll()
    this.tokens.close()
    if (this.held) this.simulator.release()
    await this.simulator.stop()
  }
}
