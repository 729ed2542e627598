import type { DeliveryResult } from '../../shared/contract/calls'
import type { TesterEvent } from '../../shared/contract/events'
import { fail, ok, type Result } from '../../shared/contract/result'
import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { Profile } from '../../shared/domain/profile'
import type { RunView } from '../../shared/domain/run'
import type { Delivery } from '../capture/delivery'
import type { LoopbackVerdict } from '../capture/loopback'
import { maskRedirect } from '../capture/mask-redirect'
import type { Clock } from '../clock'
import { buildDiagnosis } from '../diagnose/build'
import { explainAuthorizeError } from '../diagnose/explain-authorize-error'
import type { HttpClient } from '../http/client'
import type { ClientCredentials } from '../oauth/client-auth'
import { parseCallback, type ParsedCallback } from '../oauth/callback'
import type { SandboxManager } from '../sandbox/sandbox-manager'
import type { FlowContext } from './flow-context'
import { internalErrorDiagnosis } from './internal-error'
import {
  addDiagnosis,
  createRun,
  isFinished,
  note,
  setDeadline,
  setStep,
  stepOf,
  toRunView,
  type Run,
} from './run'
import { STANDARD_STEPS, beginStandardFlow, exchangeCode } from './standard-flow'

export interface EngineDeps {
  clock: Clock
  http: HttpClient
  sandbox: SandboxManager
  profile(id: string): Promise<Profile | undefined>
  /** Secret values of a profile, from the vault; never leaves main. */
  secrets(profileId: string): Promise<Record<string, string>>
  /** Sends the user to the authorize URL (system browser, or a new tab in the web host). */
  openBrowser(url: string): Promise<void>
  emit(event: TesterEvent): void
  /** Profile validation before a run: errors refuse it (with a diagnosis), warnings become notes. */
  check?(profile: Profile): Promise<{ refusal?: Diagnosis; warnings: string[] }>
}

/** How many runs stay in memory; history on disk keeps more. */
const MAX_RUNS = 200

/**
 * Runs flows as state machines: one run per start, deadlines from the injected clock, every
 * redirect through one inbox (`deliver`) with the same validation, and the code exchanged
 * exactly once.
 */
export class FlowEngine {
  private readonly runs = new Map<string, Run>()
  private readonly byState = new Map<string, string>()
  private readonly ctx: FlowContext

  constructor(private readonly deps: EngineDeps) {
    deps.http.onExchange((exchange) => {
      const run = exchange.runId !== undefined ? this.runs.get(exchange.runId) : undefined
      if (!run) return
      run.exchanges.push(exchange)
      run.steps.find((s) => s.kind === exchange.step)?.exchangeIds.push(exchange.id)
      this.update(run)
    })
    this.ctx = {
      clock: deps.clock,
      http: deps.http,
      sandbox: deps.sandbox,
      credentials: (run) => this.credentials(run),
      update: (run) => this.update(run),
      fail: (run, diagnosis) => this.failRun(run, diagnosis),
      succeed: (run) => this.finish(run, 'succeeded'),
      deliverForVerdict: (delivery) => this.deliverForVerdict(delivery),
    }
  }

  async start(profileId: string): Promise<Result<RunView>> {
    const profile = await this.deps.profile(profileId)
    if (!profile) return fail('not-found', `No profile with id "${profileId}".`)
    const now = this.deps.clock.now()
    const run = createRun(profile, now, [...STANDARD_STEPS])
    const secrets = await this.deps.secrets(profile.id)
    run.secrets = Object.values(secrets).filter((v) => v.length > 0)
    this.remember(run)
    const check = await this.deps.check?.(run.profile)
    if (check?.refusal) {
      this.failRun(run, check.refusal)
      return ok(toRunView(run))
    }
    for (const text of check?.warnings ?? []) note(run, now, 'warning', text)
    this.armSession(run)
    this.update(run)
    try {
      if (await beginStandardFlow(run, this.ctx)) await this.openBrowser(run)
    } catch (error) {
      this.failRun(run, internalErrorDiagnosis(error, run, this.deps.clock.now()))
    }
    return ok(toRunView(run))
  }

  cancel(runId: string): Result<RunView> {
    const run = this.runs.get(runId)
    if (!run) return fail('not-found', `No run with id "${runId}".`)
    if (!isFinished(run)) {
      note(run, this.deps.clock.now(), 'info', 'Cancelled by the user.')
      for (const step of run.steps) if (step.status === 'active') setStep(run, step.kind, 'skipped', this.deps.clock.now())
      this.finish(run, 'cancelled')
    }
    return ok(toRunView(run))
  }

  get(runId: string): Result<RunView> {
    const run = this.runs.get(runId)
    return run ? ok(toRunView(run)) : fail('not-found', `No run with id "${runId}".`)
  }

  list(): RunView[] {
    return [...this.runs.values()].reverse().map(toRunView)
  }

  /** Resolves when the run's code exchange (if any) has finished; for tests and scripts. */
  async settled(runId: string): Promise<RunView | undefined> {
    const run = this.runs.get(runId)
    if (!run) return undefined
    await run.exchange
    return toRunView(run)
  }

  /** The inbox: every way back lands here and is validated the same way. */
  async deliver(delivery: Delivery): Promise<DeliveryResult> {
    try {
      return await this.route(delivery)
    } catch (error) {
      const run = delivery.runId !== undefined ? this.runs.get(delivery.runId) : undefined
      const diagnosis = internalErrorDiagnosis(error, run, this.deps.clock.now())
      if (run && !isFinished(run)) this.failRun(run, diagnosis)
      return { outcome: 'rejected', message: diagnosis.summary, diagnosis }
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.runs.values()].filter((r) => !isFinished(r)).map(async (run) => {
        this.finish(run, 'cancelled')
        await run.exchange
      }),
    )
  }

  // --- the inbox ---------------------------------------------------------------------------

  private async route(delivery: Delivery): Promise<DeliveryResult> {
    const now = this.deps.clock.now()
    const parsed = parseCallback(delivery.url)
    if (parsed.kind === 'invalid') {
      const diagnosis = buildDiagnosis({ code: 'callback.malformed', summary: parsed.reason, stepKind: 'callback' }, now)
      return { outcome: 'rejected', message: parsed.reason, diagnosis }
    }
    const owner = delivery.runId !== undefined ? this.runs.get(delivery.runId) : undefined
    const byState = parsed.state !== undefined ? this.runs.get(this.byState.get(parsed.state) ?? '') : undefined

    if (parsed.state === undefined) {
      const target = owner ?? this.onlyWaitingRun()
      const summary = 'The redirect carries no `state`, so it cannot be matched to the run; the code was not exchanged.'
      if (!target) {
        const diagnosis = buildDiagnosis({ code: 'callback.state_missing', summary, stepKind: 'callback' }, now)
        return { outcome: 'rejected', message: summary, diagnosis }
      }
      return this.rejectForRun(target, delivery, parsed, 'callback.state_missing', summary, [])
    }
    // A paste into the wrong run is forgiven: the state decides. A run's own loopback is not
    // (RFC 8252 §8.10: a response on another run's redirect URI is a mix-up).
    const run = delivery.method === 'paste' ? (byState ?? owner) : (owner ?? byState)
    if (!run) {
      const summary = 'The `state` in this redirect matches no run of this app: possible CSRF, or a redirect meant for another session. It was not exchanged.'
      const diagnosis = buildDiagnosis(
        {
          code: 'callback.state_unknown',
          summary,
          stepKind: 'callback',
          causes: [{ id: 'state.unknown', text: 'No run of this app sent this state.', likelihood: 'confirmed', evidence: [{ label: 'state received', value: parsed.state }] }],
        },
        now,
      )
      this.deps.emit({ type: 'notice', level: 'warning', message: summary })
      return { outcome: 'rejected', message: summary, diagnosis }
    }
    if (parsed.state !== run.state) {
      const summary = `The redirect's state "${short(parsed.state)}" is not the state this run sent ("${short(run.state)}"); the code was not exchanged.`
      return this.rejectForRun(run, delivery, parsed, 'callback.state_mismatch', summary, [
        { label: 'state sent', value: run.state },
        { label: 'state received', value: parsed.state },
      ])
    }
    return this.accept(run, delivery, parsed)
  }

  private async accept(run: Run, delivery: Delivery, parsed: Exclude<ParsedCallback, { kind: 'invalid' }>): Promise<DeliveryResult> {
    const now = this.deps.clock.now()
    if (run.capture) {
      const message = `Duplicate redirect via ${delivery.method} ignored: this run already received its redirect via ${run.capture.method}, and a code is exchanged once only.`
      note(run, now, 'warning', message)
      this.update(run)
      const diagnosis = buildDiagnosis({ code: 'callback.duplicate', summary: message, stepKind: 'callback' }, now)
      return { outcome: 'duplicate', runId: run.id, message, diagnosis }
    }
    if (isFinished(run)) {
      const message = `This redirect belongs to a run that is already ${run.status}; nothing was exchanged.`
      const diagnosis = buildDiagnosis({ code: 'callback.run_finished', summary: message, stepKind: 'callback' }, now)
      return { outcome: 'rejected', runId: run.id, message, diagnosis }
    }
    run.capture = { method: delivery.method, url: maskRedirect(delivery.url), at: now }
    setStep(run, 'authorize', 'done', now, parsed.kind === 'error' ? 'The server redirected back with an error' : 'Signed in and redirected back')
    if (parsed.kind === 'error') {
      setStep(run, 'callback', 'done', now, `error=${parsed.error} via ${delivery.method}`)
      const diagnosis = explainAuthorizeError(parsed, now)
      this.failRun(run, diagnosis)
      return { outcome: 'accepted', runId: run.id, message: diagnosis.summary, diagnosis }
    }
    setStep(run, 'callback', 'done', now, `Code received via ${delivery.method}`)
    setDeadline(run, {
      kind: 'code',
      label: 'Authorization code',
      startsAt: now,
      expiresAt: now + run.profile.lifetimes.codeSeconds * 1000,
    })
    run.code = parsed.code
    run.exchange = exchangeCode(run, parsed.code, this.ctx).catch((error: unknown) => {
      this.failRun(run, internalErrorDiagnosis(error, run, this.deps.clock.now()))
    })
    return { outcome: 'accepted', runId: run.id, message: 'Authorization code received; exchanging it for tokens.' }
  }

  private rejectForRun(
    run: Run,
    delivery: Delivery,
    parsed: Exclude<ParsedCallback, { kind: 'invalid' }>,
    code: 'callback.state_missing' | 'callback.state_mismatch',
    summary: string,
    evidence: { label: string; value: string }[],
  ): DeliveryResult {
    const now = this.deps.clock.now()
    const cause = code === 'callback.state_missing'
      ? { id: 'state.missing', text: 'The redirect has no `state` parameter.', likelihood: 'confirmed' as const, evidence: [{ label: 'redirect', value: maskRedirect(delivery.url) }] }
      : { id: 'state.altered', text: 'The state received differs from the one sent.', likelihood: 'confirmed' as const, evidence }
    const diagnosis = buildDiagnosis({ code, summary, stepKind: 'callback', causes: [cause] }, now)
    if (isFinished(run) || run.capture) {
      return { outcome: 'rejected', runId: run.id, message: summary, diagnosis }
    }
    // A code we cannot tie to this run is never used; the run stops here, fail-closed.
    run.capture = { method: delivery.method, url: maskRedirect(delivery.url), at: now }
    setStep(run, 'authorize', 'done', now, 'Redirected back')
    setStep(run, 'callback', 'failed', now, parsed.kind === 'code' ? 'Code rejected: state check failed' : 'Redirect rejected')
    this.failRun(run, diagnosis)
    return { outcome: 'rejected', runId: run.id, message: summary, diagnosis }
  }

  private async deliverForVerdict(delivery: Delivery): Promise<LoopbackVerdict> {
    const result = await this.deliver(delivery)
    return { ok: result.outcome === 'accepted' && result.diagnosis === undefined, message: result.message }
  }

  private onlyWaitingRun(): Run | undefined {
    const waiting = [...this.runs.values()].filter((r) => r.status === 'awaiting-callback')
    return waiting.length === 1 ? waiting[0] : undefined
  }

  // --- lifecycle ---------------------------------------------------------------------------

  private async openBrowser(run: Run): Promise<void> {
    try {
      await this.deps.openBrowser(run.authorizeUrl as string)
      note(run, this.deps.clock.now(), 'info', 'Authorization page opened in the browser.')
    } catch (error) {
      // Not a failure of the flow: the user can still open the URL shown in the run.
      const text = `The authorization page could not be opened automatically (${(error as Error).message}); use “Open authorization page” or copy the URL.`
      note(run, this.deps.clock.now(), 'warning', text)
      this.deps.emit({ type: 'notice', level: 'warning', message: text, runId: run.id })
    }
    this.update(run)
  }

  private armSession(run: Run): void {
    const expiresAt = run.createdAt + run.profile.lifetimes.sessionSeconds * 1000
    setDeadline(run, { kind: 'session', label: 'Authorization session', startsAt: run.createdAt, expiresAt })
    const cancel = this.deps.clock.at(expiresAt, () => this.expire(run))
    run.disposers.push(cancel)
  }

  private expire(run: Run): void {
    // Once the code is in hand the session no longer matters.
    if (isFinished(run) || run.capture) return
    const now = this.deps.clock.now()
    const minutes = run.profile.lifetimes.sessionSeconds / 60
    const length = minutes >= 1 ? `${Math.round(minutes * 10) / 10} min` : `${run.profile.lifetimes.sessionSeconds} s`
    const diagnosis = buildDiagnosis(
      {
        code: 'session.expired',
        summary: `No redirect arrived within the ${length} authorization session that started at ${new Date(run.createdAt).toISOString()}.`,
        stepKind: 'authorize',
        causes: [
          {
            id: 'session.slow_login',
            text: 'The login in the browser was not finished before the session ended.',
            likelihood: 'likely',
            evidence: [
              { label: 'session started', value: new Date(run.createdAt).toISOString() },
              { label: 'session length', value: length },
            ],
          },
        ],
      },
      now,
    )
    for (const step of run.steps) if (step.status === 'active') setStep(run, step.kind, 'failed', now)
    addDiagnosis(run, diagnosis)
    this.finish(run, 'expired')
  }

  private failRun(run: Run, diagnosis: Diagnosis): false {
    if (isFinished(run)) return false
    const now = this.deps.clock.now()
    addDiagnosis(run, diagnosis)
    const kind = diagnosis.stepKind
    if (kind !== undefined && run.steps.some((s) => s.kind === kind) && stepOf(run, kind as Run['steps'][number]['kind']).status !== 'done') {
      setStep(run, kind as Run['steps'][number]['kind'], 'failed', now)
    }
    for (const step of run.steps) if (step.status === 'active') setStep(run, step.kind, 'failed', now)
    this.finish(run, 'failed')
    return false
  }

  private finish(run: Run, status: 'succeeded' | 'failed' | 'expired' | 'cancelled'): void {
    if (isFinished(run)) return
    run.status = status
    run.endedAt = this.deps.clock.now()
    delete run.code
    const disposers = run.disposers.splice(0)
    for (const dispose of disposers) {
      try {
        void Promise.resolve(dispose()).catch(() => undefined)
      } catch {
        // Cleanup must never take the run down with it.
      }
    }
    this.update(run)
  }

  private remember(run: Run): void {
    this.runs.set(run.id, run)
    this.byState.set(run.state, run.id)
    for (const old of [...this.runs.values()]) {
      if (this.runs.size <= MAX_RUNS) break
      if (!isFinished(old)) continue
      this.runs.delete(old.id)
      this.byState.delete(old.state)
    }
  }

  private update(run: Run): void {
    this.deps.emit({ type: 'run-updated', run: toRunView(run) })
  }

  private async credentials(run: Run): Promise<ClientCredentials> {
    const secrets = await this.deps.secrets(run.profile.id)
    const creds: ClientCredentials = { method: run.profile.clientAuth, clientId: run.profile.clientId }
    if (secrets.clientSecret !== undefined) creds.secret = secrets.clientSecret
    if (run.profile.clientAuth === 'headers') {
      // Plain headers from the profile, secret ones (by lower-case name) from the vault.
      creds.headers = { ...run.profile.clientHeaders }
      for (const name of run.profile.secretHeaders) {
        const value = secrets[name.toLowerCase()]
        if (value !== undefined) creds.headers[name.toLowerCase()] = value
      }
    }
    return creds
  }
}

const short = (text: string): string => (text.length > 16 ? `${text.slice(0, 8)}…${text.slice(-4)}` : text)
