import { randomUUID } from 'node:crypto'
import type { TesterEvent } from '../../shared/contract/events'
import { fail, ok, type Result } from '../../shared/contract/result'
import type { ExchangeDetail } from '../../shared/domain/exchange-detail'
import type { LabExport, LabReport, LabResult, ScenarioInfo } from '../../shared/domain/lab'
import type { Clock } from '../clock'
import { internalErrorReport } from '../diagnose/internal-error'
import { HttpClient } from '../http/client'
import type { HttpExchange } from '../http/exchange'
import { LOCAL_SANDBOX_ID, LOCAL_VENDOR_API_ID } from '../profiles/builtin'
import type { ProfileRepository } from '../profiles/profile-repository'
import type { SandboxManager } from '../sandbox/sandbox-manager'
import { toExchangeDetail } from '../tokens/exchange-view'
import { LabClient } from './lab-client'
import { ManualClock } from './manual-clock'
import type { ScenarioRegistry } from './registry'
import { toJUnit } from './report-junit'
import { toMarkdown } from './report-markdown'
import { StepFailed, infoOf, type Scenario, type ScenarioOutcome } from './scenario'
import { builtInScenarios } from './scenarios'
import { resolveTarget, type ResolvedTarget } from './targets'
import { judge } from './verdict'
import { VendorLabClient } from './vendor-lab-client'
import { resolveVendorLabTarget, type ResolvedVendorTarget } from './vendor-target'

export interface LabDeps {
  clock: Clock
  sandbox: SandboxManager
  profiles: ProfileRepository
  secrets(profileId: string): Promise<Record<string, string>>
  openBrowser(url: string): Promise<void>
  emit(event: TesterEvent): void
  userAgent?: string
  /** The scenarios; the built-in ones when absent (tests add their own through the registry). */
  registry?: ScenarioRegistry
  /** How long a browser sign-in may take per scenario against a user's profile. */
  browserTimeoutSeconds?: number
  /** The HTTP client a scenario uses, on the scenario's clock; the one client of `main/http` by default. */
  httpClient?: (clock: Clock) => HttpClient
}

/** Reports whose exchanges stay available to `getExchange`. */
const KEPT_REPORTS = 3

/**
 * The scenario lab: runs named failure scenarios one after another against a target, compares
 * the diagnosis each one ends with against the one expected, and keeps the report for export.
 * One lab run at a time; a scenario that throws ends as an internal-error diagnosis and the lab
 * goes on with the next.
 */
export class Lab {
  private readonly registry: ScenarioRegistry
  private readonly reports: LabReport[] = []
  private readonly exchanges = new Map<string, { exchange: HttpExchange; secrets: readonly string[]; reportId: string }>()
  private busy = false

  constructor(private readonly deps: LabDeps) {
    this.registry = deps.registry ?? builtInScenarios()
  }

  list(): ScenarioInfo[] {
    return this.registry.list().map(infoOf)
  }

  latest(): LabReport | undefined {
    return this.reports.at(-1)
  }

  async run(input: { scenarioIds?: string[]; profileId?: string }): Promise<Result<LabReport>> {
    if (this.busy) return fail('conflict', 'The lab is already running; wait for it to finish.')
    this.busy = true
    try {
      return await this.runGuarded(input)
    } finally {
      this.busy = false
    }
  }

  private async runGuarded(input: { scenarioIds?: string[]; profileId?: string }): Promise<Result<LabReport>> {
    const ids = input.scenarioIds ?? this.registry.list().map((s) => s.id)
    const unknown = ids.filter((id) => !this.registry.get(id))
    if (unknown.length > 0) return fail('not-found', `No scenario named ${unknown.map((u) => `"${u}"`).join(', ')}.`)
    if (ids.length === 0) return fail('invalid-input', 'Choose at least one scenario.')
    const scenarios = ids.map((id) => this.registry.get(id) as Scenario)
    const targets = await this.resolveTargets(scenarios, input.profileId)
    if (!targets.ok) return targets
    try {
      return ok(await this.runAll(scenarios, targets.value))
    } finally {
      await Promise.all([targets.value.standard?.close(), targets.value.vendor?.close()].map((p) => p?.catch(() => undefined)))
    }
  }

  /**
   * Without a profile, each scenario runs against its own embedded server: the standard ones
   * against the OIDC sandbox, the vendor ones against a vendor simulator of the lab's own;
   * only the servers the chosen scenarios need are started. With a profile, against that one.
   */
  private async resolveTargets(scenarios: Scenario[], profileId: string | undefined): Promise<Result<LabTargets>> {
    const deps = { ...this.deps, browserTimeoutSeconds: this.deps.browserTimeoutSeconds ?? 180 }
    if (profileId !== undefined) {
      const profile = await this.deps.profiles.get(profileId)
      if (!profile) return fail('not-found', `No profile with id "${profileId}".`)
      if (profile.embedded === 'vendor-simulator') {
        const vendor = await resolveVendorLabTarget(this.deps.clock, profile)
        return vendor.ok ? ok({ vendor: vendor.value }) : vendor
      }
      if (profile.flow !== 'standard') {
        return fail('invalid-input', `The lab runs the vendor scenarios against the embedded vendor simulator only; “${profile.name}” talks to a real vendor host, which the lab does not sign in to.`)
      }
      const standard = await resolveTarget(deps, profileId)
      return standard.ok ? ok({ standard: standard.value }) : standard
    }
    const wantsVendor = scenarios.some((s) => s.group === 'vendor')
    const wantsSandbox = scenarios.some((s) => s.group !== 'vendor') || !wantsVendor
    const targets: LabTargets = {}
    if (wantsSandbox) {
      const standard = await resolveTarget(deps, LOCAL_SANDBOX_ID)
      if (!standard.ok) return standard
      targets.standard = standard.value
    }
    if (wantsVendor) {
      const profile = await this.deps.profiles.get(LOCAL_VENDOR_API_ID)
      const vendor = profile ? await resolveVendorLabTarget(this.deps.clock, profile) : fail('not-found', `No profile with id "${LOCAL_VENDOR_API_ID}".`)
      if (!vendor.ok) {
        await targets.standard?.close()
        return vendor
      }
      targets.vendor = vendor.value
    }
    return ok(targets)
  }

  export(format: 'junit' | 'markdown', reportId?: string): Result<LabExport> {
    const report = reportId !== undefined ? this.reports.find((r) => r.id === reportId) : this.latest()
    if (!report) return fail('not-found', reportId !== undefined ? `No lab report "${reportId}".` : 'Run the lab first: there is no report to export yet.')
    const stamp = new Date(report.startedAt).toISOString().replace(/[:.]/g, '-').slice(0, 19)
    return format === 'junit'
      ? ok({ filename: `scenario-lab-${stamp}.xml`, mimeType: 'application/xml', content: toJUnit(report) })
      : ok({ filename: `scenario-lab-${stamp}.md`, mimeType: 'text/markdown', content: toMarkdown(report) })
  }

  /** An exchange a scenario made, redacted like every other. */
  exchange(exchangeId: string): ExchangeDetail | undefined {
    const kept = this.exchanges.get(exchangeId)
    return kept ? toExchangeDetail(kept.exchange, kept.secrets) : undefined
  }

  private async runAll(scenarios: Scenario[], targets: LabTargets): Promise<LabReport> {
    const report: LabReport = {
      id: randomUUID(),
      status: 'running',
      target: summaryOf(targets),
      startedAt: this.deps.clock.now(),
      results: scenarios.map((s) => ({
        scenarioId: s.id,
        title: s.title,
        status: 'pending',
        expected: s.expected,
        actual: { outcome: 'not-run' },
        verdict: 'Waiting to run.',
        durationMs: 0,
        exchangeIds: [],
      })),
      counts: { pass: 0, fail: 0, error: 0, skipped: 0 },
    }
    this.keep(report)
    for (const [i, scenario] of scenarios.entries()) {
      report.results[i] = { ...(report.results[i] as LabResult), status: 'running', verdict: 'Running…' }
      this.publish(report)
      report.results[i] = await this.runOne(scenario, targets, report.id)
      report.counts = countOf(report.results)
    }
    report.status = 'done'
    report.endedAt = this.deps.clock.now()
    this.publish(report)
    return structuredClone(report)
  }

  private async runOne(scenario: Scenario, targets: LabTargets, reportId: string): Promise<LabResult> {
    const base = { scenarioId: scenario.id, title: scenario.title, expected: scenario.expected }
    const target = scenario.group === 'vendor' ? targets.vendor : targets.standard
    if (!target || !scenario.targets.includes(target.kind)) {
      const where = scenario.targets.map((t) => TARGET_NAMES[t]).join(' or ')
      return { ...base, status: 'skipped', actual: { outcome: 'not-run' }, verdict: `Runs against ${where} only.`, durationMs: 0, exchangeIds: [] }
    }
    const manualClock = scenario.fakeClock ? new ManualClock(this.deps.clock.now()) : undefined
    const clock = manualClock ?? this.deps.clock
    const http = this.deps.httpClient?.(clock) ?? new HttpClient(clock, this.deps.userAgent ?? 'OAuthFlowTester (scenario lab)')
    const runId = `lab:${reportId}:${scenario.id}`
    const secrets = target.kind === 'vendor-simulator' ? target.secrets : target.lab.secrets
    const started = performance.now()
    let driver: { exchanges: HttpExchange[]; handled: string[] } | undefined
    let outcome: ScenarioOutcome
    try {
      if (scenario.group === 'vendor' && target.kind === 'vendor-simulator') {
        target.clock.use(manualClock)
        const vendor = new VendorLabClient(target.lab, http, clock, runId)
        driver = vendor
        outcome = await scenario.run({ vendor, clock, ...(manualClock && { manualClock }) })
      } else if (scenario.group !== 'vendor' && target.kind !== 'vendor-simulator') {
        const client = new LabClient(target.lab, http, clock, runId)
        driver = client
        await client.discover()
        outcome = await scenario.run({ client, clock, ...(manualClock && { manualClock }), target: { kind: target.kind, confidential: target.lab.confidential !== undefined } })
      } else {
        throw new Error(`A ${scenario.group} scenario cannot run against ${TARGET_NAMES[target.kind]}.`)
      }
    } catch (error) {
      outcome = {
        kind: 'diagnosis',
        diagnosis:
          error instanceof StepFailed
            ? error.diagnosis
            : internalErrorReport(error, { scenario: scenario.id, target: `${target.profile.name} (${target.kind})` }, [...secrets, ...(driver?.handled ?? [])], clock.now(), scenario.step),
      }
    } finally {
      if (target.kind === 'vendor-simulator') target.clock.use(undefined)
    }
    const durationMs = Math.round(performance.now() - started)
    const exchanges = driver?.exchanges ?? []
    const scrub = [...secrets, ...(driver?.handled ?? [])]
    for (const exchange of exchanges) this.exchanges.set(exchange.id, { exchange, secrets: scrub, reportId })
    const judged = judge(scenario, target.kind, outcome)
    const diagnosis = outcome.kind === 'diagnosis' ? outcome.diagnosis : undefined
    return { ...base, target: target.kind, ...judged, ...(diagnosis && { diagnosis }), durationMs, exchangeIds: exchanges.map((e) => e.id) }
  }

  private keep(report: LabReport): void {
    this.reports.push(report)
    while (this.reports.length > KEPT_REPORTS) {
      const old = this.reports.shift()
      for (const [id, kept] of this.exchanges) if (kept.reportId === old?.id) this.exchanges.delete(id)
    }
  }

  private publish(report: LabReport): void {
    this.deps.emit({ type: 'lab-updated', report: structuredClone(report) })
  }
}

const TARGET_NAMES = { 'embedded-sandbox': 'the embedded sandbox', 'vendor-simulator': 'the vendor simulator', profile: 'a profile of your own' } as const

/** What one lab run talks to: the standard flow's server, the vendor simulator, or both. */
interface LabTargets {
  standard?: ResolvedTarget
  vendor?: ResolvedVendorTarget
}

/** The report's target: the one server, or both embedded ones. */
function summaryOf(targets: LabTargets): LabReport['target'] {
  const one = (t: ResolvedTarget | ResolvedVendorTarget): LabReport['target'] => ({ kind: t.kind, profileId: t.profile.id, profileName: t.profile.name, environment: t.profile.environment })
  if (targets.standard && targets.vendor) return { ...one(targets.standard), profileName: 'Embedded sandbox and vendor simulator' }
  return one((targets.standard ?? targets.vendor) as ResolvedTarget | ResolvedVendorTarget)
}

const countOf = (results: LabResult[]): LabReport['counts'] => ({
  pass: results.filter((r) => r.status === 'pass').length,
  fail: results.filter((r) => r.status === 'fail').length,
  error: results.filter((r) => r.status === 'error').length,
  skipped: results.filter((r) => r.status === 'skipped').length,
})
