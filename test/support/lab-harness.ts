import type { TesterEvent } from '../../shared/contract/events'
import type { LabResult } from '../../shared/domain/lab'
import { ProfileSchema, type Profile, type ProfileInput } from '../../shared/domain/profile'
import { systemClock, type Clock } from '../../main/clock'
import { HttpClient } from '../../main/http/client'
import type { HttpExchange } from '../../main/http/exchange'
import { Lab, type LabDeps } from '../../main/lab/lab'
import { BUILT_IN_PROFILES } from '../../main/profiles/builtin'
import type { ProfileRepository } from '../../main/profiles/profile-repository'
import { SandboxManager } from '../../main/sandbox/sandbox-manager'

/**
 * The real scenario lab against the real embedded sandbox over HTTP. Each scenario's HTTP client
 * is the product's own; the harness only listens to it, so a test can compare the evidence of a
 * diagnosis with the raw requests that were actually sent.
 */
export class LabHarness {
  readonly sandbox: SandboxManager
  readonly lab: Lab
  readonly events: TesterEvent[] = []
  /** Every exchange the lab made, raw (the lab itself only ever shows them redacted). */
  readonly raw = new Map<string, HttpExchange>()
  readonly opened: string[] = []
  private readonly profiles = new Map<string, Profile>(BUILT_IN_PROFILES.map((p) => [p.id, p]))

  constructor(opts: { clock?: Clock; sandbox?: SandboxManager; openBrowser?: (url: string) => Promise<void> } & Partial<Pick<LabDeps, 'registry' | 'browserTimeoutSeconds'>> = {}) {
    const clock = opts.clock ?? systemClock
    this.sandbox = opts.sandbox ?? new SandboxManager(clock)
    const repo: ProfileRepository = {
      list: async () => [...this.profiles.values()],
      get: async (id) => this.profiles.get(id),
    }
    this.lab = new Lab({
      clock,
      sandbox: this.sandbox,
      profiles: repo,
      secrets: async () => ({}),
      openBrowser: async (url) => {
        this.opened.push(url)
        await opts.openBrowser?.(url)
      },
      emit: (event) => this.events.push(event),
      httpClient: (scenarioClock) => {
        const http = new HttpClient(scenarioClock, 'OAuthFlowTester (lab test)')
        http.onExchange((ex) => this.raw.set(ex.id, ex))
        return http
      },
      ...(opts.registry && { registry: opts.registry }),
      ...(opts.browserTimeoutSeconds !== undefined && { browserTimeoutSeconds: opts.browserTimeoutSeconds }),
    })
  }

  addProfile(input: ProfileInput): Profile {
    const profile = ProfileSchema.parse(input)
    this.profiles.set(profile.id, profile)
    return profile
  }

  /** Runs one scenario through the lab and answers its result with its raw exchanges. */
  async run(scenarioId: string, profileId?: string): Promise<LabResult & { exchanges: HttpExchange[] }> {
    const report = await this.lab.run({ scenarioIds: [scenarioId], ...(profileId !== undefined && { profileId }) })
    if (!report.ok) throw new Error(report.error.message)
    const result = report.value.results[0]
    if (!result) throw new Error('no result')
    return { ...result, exchanges: result.exchangeIds.map((id) => this.raw.get(id)).filter((e): e is HttpExchange => e !== undefined) }
  }

  async close(): Promise<void> {
    await this.sandbox.stop()
  }
}

/** The top cause's evidence as label → value. */
export const evidenceOf = (result: LabResult): Record<string, string> =>
  Object.fromEntries((result.diagnosis?.causes[0]?.evidence ?? []).map((e) => [e.label, e.value]))

/** The form or query parameters of a raw request. */
export const paramsOf = (ex: HttpExchange | undefined): Record<string, string> =>
  Object.fromEntries(ex?.request.body !== undefined ? new URLSearchParams(ex.request.body) : new URL(ex?.request.url ?? 'http://x/').searchParams)
