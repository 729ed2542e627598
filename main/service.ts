import { ok } from '../shared/contract/result'
import type { AppInfo } from '../shared/contract/calls'
import { FINISHED_STATUSES } from '../shared/domain/run-status'
import { systemClock, type Clock } from './clock'
import { createDispatcher, type Dispatch, type Handlers } from './contract-dispatch'
import { EventHub } from './event-hub'
import { FlowEngine } from './flows/engine'
import { HttpClient } from './http/client'
import { createProfileHandlers } from './profiles/profile-handlers'
import type { ProfileRepository } from './profiles/profile-repository'
import { checkBeforeRun } from './profiles/run-check'
import { memoryStorage, openStorage, type ProfileStorage, type StorageOptions } from './profiles/storage/open-storage'
import { SandboxManager } from './sandbox/sandbox-manager'
import type { SandboxOptions } from './sandbox/oidc/oidc-sandbox'

export interface ServiceOptions {
  host: AppInfo['host']
  version: string
  /** Versions worth reporting (node, electron, chrome …). */
  versions: Record<string, string>
  /** Sends the user to the authorize URL: the system browser, or a new tab in the web host. */
  openBrowser(url: string): Promise<void>
  clock?: Clock
  /** Read-only profiles shown before the stored ones (default: the built-in ones). */
  profiles?: ProfileRepository
  /** Where profiles and the vault live (default: memory, nothing saved). */
  storage?: StorageOptions
  sandbox?: SandboxOptions
}

export interface Service {
  dispatch: Dispatch
  events: EventHub
  engine: FlowEngine
  sandbox: SandboxManager
  storage: ProfileStorage
  close(): Promise<void>
}

/** Composes the protocol, flows, captures, profiles and sandbox into the contract's handlers. */
export function createService(opts: ServiceOptions): Service {
  const clock = opts.clock ?? systemClock
  const events = new EventHub()
  const http = new HttpClient(clock, `OAuthFlowTester/${opts.version}`)
  const sandbox = new SandboxManager(clock, opts.sandbox)
  const storage = openStorage(opts.storage ?? memoryStorage(), clock, opts.profiles)
  const engine = new FlowEngine({
    clock,
    http,
    sandbox,
    profile: (id) => storage.profiles.get(id),
    secrets: async (id) => storage.vault.values(id),
    check: async (profile) => checkBeforeRun(profile, storage.vault.names(profile.id), clock.now()),
    openBrowser: opts.openBrowser,
    emit: (event) => events.emit(event),
  })
  const profileCalls = createProfileHandlers({
    storage,
    http,
    clock,
    appVersion: opts.version,
    hasActiveRun: (id) => engine.list().some((r) => r.profileId === id && !FINISHED_STATUSES.includes(r.status)),
  })

  const handlers: Handlers = {
    getAppInfo: async () =>
      ok({ name: 'OAuth Flow Tester', version: opts.version, host: opts.host, platform: process.platform, versions: opts.versions }),
    listProfiles: async () => ok((await storage.profiles.list()).map(profileCalls.summarize)),
    startFlow: ({ profileId }) => engine.start(profileId),
    cancelFlow: async ({ runId }) => engine.cancel(runId),
    getRun: async ({ runId }) => engine.get(runId),
    listRuns: async () => ok(engine.list()),
    deliverRedirect: async ({ url, runId }) =>
      ok(await engine.deliver({ url, method: 'paste', ...(runId !== undefined && { runId }) })),
    ...profileCalls.handlers,
  }

  return {
    dispatch: createDispatcher(handlers),
    events,
    engine,
    sandbox,
    storage,
    async close() {
      await engine.stopAll()
      await sandbox.stop()
    },
  }
}
