import { fail, ok } from '../shared/contract/result'
import type { AppInfo } from '../shared/contract/calls'
import type { OpenAuthWindow } from './capture/auth-window'
import type { RedirectInbox } from './capture/inbox'
import { FINISHED_STATUSES } from '../shared/domain/run-status'
import { systemClock, type Clock } from './clock'
import { createDispatcher, type Dispatch, type Handlers } from './contract-dispatch'
import { EventHub } from './event-hub'
import { FlowEngine } from './flows/engine'
import { embeddedVendorKeys, SECRET_KEY_HEADER } from './flows/vendor-target'
import { HttpClient } from './http/client'
import { createEvidenceHandlers } from './history/evidence-handlers'
import { RunEvidence } from './history/run-evidence'
import { RunHistory } from './history/run-history'
import { createProfileHandlers } from './profiles/profile-handlers'
import type { ProfileRepository } from './profiles/profile-repository'
import { checkBeforeRun } from './profiles/run-check'
import { memoryStorage, openStorage, type ProfileStorage, type StorageOptions } from './profiles/storage/open-storage'
import { SandboxManager } from './sandbox/sandbox-manager'
import type { SandboxOptions } from './sandbox/oidc/oidc-sandbox'
import { VendorSimulatorManager, type VendorSimulatorSettings } from './sandbox/vendor-simulator-manager'
import { TokenLifecycle } from './tokens/lifecycle'
import { Lab } from './lab/lab'
import { RecentExchanges } from './diagnose/recent-exchanges'

export interface ServiceOptions {
  host: AppInfo['host']
  version: string
  /** Versions worth reporting (node, electron, chrome …). */
  versions: Record<string, string>
  /** Sends the user to the authorize URL: the system browser, or a new tab in the web host. */
  openBrowser(url: string): Promise<void>
  /** The in-app auth window (Electron host only). */
  openAuthWindow?: OpenAuthWindow
  clock?: Clock
  /** Read-only profiles shown before the stored ones (default: the built-in ones). */
  profiles?: ProfileRepository
  /** Where profiles and the vault live (default: memory, nothing saved). */
  storage?: StorageOptions
  sandbox?: SandboxOptions
  vendorSimulator?: VendorSimulatorSettings
  /** How many finished runs the run history keeps (default 200). */
  historyLimit?: number
}

export interface Service {
  dispatch: Dispatch
  events: EventHub
  engine: FlowEngine
  /** Where the hosts hand redirects the OS brings back (deep links); the contract has paste. */
  inbox: RedirectInbox
  sandbox: SandboxManager
  /** The local vendor simulator, started on demand by the vendor flow's runs on it. */
  vendorSimulator: VendorSimulatorManager
  tokens: TokenLifecycle
  storage: ProfileStorage
  /** The scenario lab (`main/lab`). */
  lab: Lab
  /** Finished runs, kept (redacted) beside the profiles. */
  history: RunHistory
  close(): Promise<void>
}

/** Composes the protocol, flows, captures, profiles and sandbox into the contract's handlers. */
export function createService(opts: ServiceOptions): Service {
  const clock = opts.clock ?? systemClock
  const events = new EventHub()
  const http = new HttpClient(clock, `OAuthFlowTester/${opts.version}`)
  const sandbox = new SandboxManager(clock, opts.sandbox)
  const vendorSimulator = new VendorSimulatorManager(clock, opts.vendorSimulator)
  const storageOptions = opts.storage ?? memoryStorage()
  const storage = openStorage(storageOptions, clock, opts.profiles)
  // The vault's values, plus the embedded simulator's secret key read from the running simulator.
  const secrets = async (profileId: string): Promise<Record<string, string>> => {
    const values = storage.vault.values(profileId)
    const profile = await storage.profiles.get(profileId)
    if (profile?.embedded !== 'vendor-simulator') return values
    const sim = await vendorSimulator.current()
    return sim ? { ...values, [SECRET_KEY_HEADER]: embeddedVendorKeys(profile, sim).secretKey } : values
  }
  const tokens = new TokenLifecycle({ clock, http, secrets, emit: (event) => events.emit(event), sandbox, vendorSimulator })
  const history = RunHistory.open({
    backend: storageOptions.backend,
    clock,
    notices: storage.notices,
    ...(opts.historyLimit !== undefined && { limit: opts.historyLimit }),
    onProblem: (message) => {
      storage.notices.push({ level: 'error', message, at: clock.now() })
      events.emit({ type: 'notice', level: 'error', message })
    },
  })
  const evidence = new RunEvidence({ clock, history, liveRun: (id) => engine.findRun(id), storedSecrets: (id) => storage.vault.names(id) })
  const engine = new FlowEngine({
    clock,
    http,
    sandbox,
    vendorSimulator,
    profile: (id) => storage.profiles.get(id),
    rememberLogin: async (profileId, login) => {
      storage.vault.set(profileId, 'login-email', login.email)
      storage.vault.set(profileId, 'password', login.password)
    },
    secrets,
    check: async (profile) => checkBeforeRun(profile, storage.vault.names(profile.id), clock.now()),
    openBrowser: opts.openBrowser,
    ...(opts.openAuthWindow && { openAuthWindow: opts.openAuthWindow }),
    emit: (event) => events.emit(event),
    onTokens: (run) => tokens.adopt(run),
    onFinished: (run) => evidence.finished(run),
  })
  const profileCalls = createProfileHandlers({
    storage,
    http,
    clock,
    appVersion: opts.version,
    hasActiveRun: (id) => engine.list().some((r) => r.profileId === id && !FINISHED_STATUSES.includes(r.status)),
    onDeleted: (id) => tokens.forgetProfile(id),
  })
  const lab = new Lab({
    clock,
    sandbox,
    profiles: storage.profiles,
    secrets,
    openBrowser: opts.openBrowser,
    emit: (event) => events.emit(event),
    userAgent: `OAuthFlowTester/${opts.version} (scenario lab)`,
  })
  // The exchange behind a run's diagnosis card, for `getExchange` (token events and the lab keep their own).
  const recent = new RecentExchanges()
  http.onExchange((exchange) => recent.add(exchange))

  const handlers: Handlers = {
    getAppInfo: async () =>
      ok({ name: 'OAuth Flow Tester', version: opts.version, host: opts.host, platform: process.platform, versions: opts.versions }),
    listProfiles: async () => ok((await storage.profiles.list()).map(profileCalls.summarize)),
    startFlow: ({ profileId, options }) => engine.start(profileId, options),
    cancelFlow: async ({ runId }) => engine.cancel(runId),
    getRun: async ({ runId }) => engine.get(runId),
    listRuns: async () => ok(engine.list()),
    deliverRedirect: async ({ url, runId }) =>
      ok(await engine.inbox.deliver({ url, method: 'paste', ...(runId !== undefined && { runId }) })),
    submitLogin: ({ runId, email, password, remember }) => engine.submitLogin(runId, { email, password, ...(remember !== undefined && { remember }) }),
    sendOtp: ({ runId }) => engine.sendOtp(runId),
    submitOtp: ({ runId, otpCode }) => engine.submitOtp(runId, otpCode),
    getTokenSet: async ({ tokenSetId }) => tokens.view(tokenSetId),
    listTokenSets: async ({ profileId }) => ok(tokens.list(profileId)),
    decodeToken: async (input) => tokens.decode(input),
    verifyToken: (input) => tokens.verify(withoutUndefined(input)),
    refreshTokens: ({ tokenSetId }) => tokens.refresh(tokenSetId),
    replaySupersededRefresh: ({ tokenSetId, tokenId }) => tokens.replay(tokenSetId, tokenId),
    revokeToken: ({ tokenSetId, token }) => tokens.revoke(tokenSetId, token),
    introspectToken: ({ tokenSetId, token }) => tokens.introspect(tokenSetId, token),
    callUserinfo: ({ tokenSetId }) => tokens.userinfo(tokenSetId),
    callTestApi: ({ tokenSetId, send }) => tokens.callApi(tokenSetId, send),
    logoutTokens: ({ tokenSetId }) => tokens.logout(tokenSetId),
    setAutoRefresh: async ({ tokenSetId, enabled, leadSeconds }) => tokens.setAutoRefresh(tokenSetId, enabled, leadSeconds),
    revealToken: async ({ tokenSetId, tokenId }) => tokens.reveal(tokenSetId, tokenId),
    copyAsCurl: ({ tokenSetId, action }) => tokens.curl(tokenSetId, action),
    getExchange: async ({ exchangeId }) => {
      const fromTokens = tokens.exchange(exchangeId)
      if (fromTokens.ok) return fromTokens
      const fromLab = lab.exchange(exchangeId)
      if (fromLab) return ok(fromLab)
      const fromRun = await recent.detail(exchangeId, async (runId) => {
        const run = engine.get(runId)
        return run.ok ? Object.values(await secrets(run.value.profileId)).filter((v) => v.length > 0) : []
      })
      return fromRun ? ok(fromRun) : fail('not-found', `No exchange "${exchangeId}" in a recent run, token event or lab report.`)
    },
    listScenarios: async () => ok(lab.list()),
    runScenarios: ({ scenarioIds, profileId }) => lab.run({ ...(scenarioIds !== undefined && { scenarioIds }), ...(profileId !== undefined && { profileId }) }),
    getLabReport: async () => ok(lab.latest() ?? null),
    exportLabReport: async ({ format, reportId }) => lab.export(format, reportId),
    ...profileCalls.handlers,
    ...createEvidenceHandlers({
      clock,
      evidence,
      history,
      liveRunIds: () => engine.list().map((r) => r.id),
      secrets,
      tokens,
      app: { name: 'OAuth Flow Tester', version: opts.version, host: opts.host },
      versions: opts.versions,
    }),
  }

  return {
    dispatch: createDispatcher(handlers),
    events,
    engine,
    inbox: engine.inbox,
    sandbox,
    vendorSimulator,
    tokens,
    storage,
    lab,
    history,
    async close() {
      await engine.stopAll()
      history.flush()
      tokens.close()
      await Promise.all([sandbox.stop(), vendorSimulator.stop()])
    },
  }
}

/** zod gives optional fields as `undefined`; the lifecycle takes them absent. */
const withoutUndefined = <T extends object>(input: T): T =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as T
