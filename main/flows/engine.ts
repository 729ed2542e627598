import type { DeliveryResult, RunOptions } from '../../shared/contract/calls'
import type { TesterEvent } from '../../shared/contract/events'
import { fail, ok, type Result } from '../../shared/contract/result'
import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { Profile } from '../../shared/domain/profile'
import type { RedirectArrival, RunView } from '../../shared/domain/run'
import type { OpenAuthWindow } from '../capture/auth-window'
import type { Delivery } from '../capture/delivery'
import { RedirectInbox } from '../capture/inbox'
import { verdictOf } from '../capture/loopback'
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
import { checkIssuer, finishedMessage, fingerprint, type Problem } from './redirect-checks'
import { STANDARD_STEPS, beginStandardFlow, exchangeCode } from './standard-flow'
import { beginVendorFlow, exchangeVendorCode, vendorSessionExpired, vendorSteps } from './vendor-flow'
import { sendOtp, submitLogin, submitOtp, type LoginInput } from './vendor-input'
import type { VendorSimulatorPort } from './vendor-target'

export interface EngineDeps {
  clock: Clock
  http: HttpClient
  sandbox: SandboxManager
  /** The local vendor simulator, for the profiles that run on it (started on demand). */
  vendorSimulator?: VendorSimulatorPort
  profile(id: string): Promise<Profile | undefined>
  /** Secret values of a profile, from the vault; never leaves main. */
  secrets(profileId: string): Promise<Record<string, string>>
  /** Sends the user to the authorize URL (system browser, or a new tab in the web host). */
  openBrowser(url: string): Promise<void>
  /** The in-app auth window; only the Electron host has one. */
  openAuthWindow?: OpenAuthWindow
  emit(event: TesterEvent): void
  /** Called once when a run's code exchange produced tokens (the token store takes them over). */
  onTokens?(run: Run): void
  /** Profile validation before a run: errors refuse it (with a diagnosis), warnings become notes. */
  check?(profile: Profile): Promise<{ refusal?: Diagnosis; warnings: string[] }>
  /** Keeps the vendor's API-mode login (email, password) in the vault when the user asks. */
  rememberLogin?(profileId: string, login: { email: string; password: string }): Promise<void>
  /**
   * Called when a run finishes, and again whenever a finished run still changes (a late
   * exchange or redirect): the run history keeps the latest state.
   */
  onFinished?(run: Run): void
}

/** How many runs stay in memory; history on disk keeps more. */
const MAX_RUNS = 200

/**
 * Runs flows as state machines: one run per start, deadlines from the injected clock, every
 * redirect through one inbox (`main/capture/inbox.ts`) with the same validation, and the code
 * exchanged exactly once.
 */
export class FlowEngine {
  /** Where every way back delivers; it hands each redirect to `receive` below. */
  readonly inbox: RedirectInbox
  private readonly runs = new Map<string, Run>()
  private readonly byState = new Map<string, string>()
  /** Runs whose new state is about to be published (see `update`). */
  private readonly pendingUpdates = new Set<Run>()
  private readonly ctx: FlowContext

  constructor(private readonly deps: EngineDeps) {
    this.inbox = new RedirectInbox({
      clock: deps.clock,
      route: (delivery) => this.receive(delivery),
      notice: (level, message, runId) => deps.emit({ type: 'notice', level, message, ...(runId !== undefined && { runId }) }),
    })
    deps.http.onExchange((exchange) => {
      const run = exchange.runId !== undefined ? this.runs.get(exchange.runId) : undefined
      // A finished run's evidence is frozen; later exchanges (refresh, revoke…) belong to its
      // token set, which records them itself. This also keeps a run's view from growing forever.
      if (!run || isFinished(run)) return
      run.exchanges.push(exchange)
      run.steps.find((s) => s.kind === exchange.step)?.exchangeIds.push(exchange.id)
      this.update(run)
    })
    this.ctx = {
      clock: deps.clock,
      http: deps.http,
      sandbox: deps.sandbox,
      ...(deps.vendorSimulator && { vendorSimulator: deps.vendorSimulator }),
      secrets: (profileId) => deps.secrets(profileId),
      ...(deps.rememberLogin && { rememberLogin: deps.rememberLogin }),
      credentials: (run) => this.credentials(run),
      update: (run) => this.update(run),
      fail: (run, diagnosis) => this.failRun(run, diagnosis),
      succeed: (run) => this.finish(run, 'succeeded'),
      deliverForVerdict: async (delivery) => verdictOf(await this.inbox.deliver(delivery)),
    }
  }

  async start(profileId: string, options: RunOptions = {}): Promise<Result<RunView>> {
    const profile = await this.deps.profile(profileId)
    if (!profile) return fail('not-found', `No profile with id "${profileId}".`)
    const now = this.deps.clock.now()
    const steps = profile.flow === 'standard' ? [...STANDARD_STEPS] : vendorSteps(profile.flow)
    const run = createRun(profile, now, steps, options)
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
    if (run.captureMethod === 'auth-window' && !this.deps.openAuthWindow) {
      const summary = 'The in-app auth window exists only in the desktop app; this host cannot open one, so the run stopped before the browser.'
      this.failRun(run, buildDiagnosis({ code: 'capture.unavailable', summary, stepKind: 'authorize' }, now))
      return ok(toRunView(run))
    }
    try {
      if (profile.flow === 'standard') {
        if (await beginStandardFlow(run, this.ctx)) await this.openAuthorization(run)
      } else if ((await beginVendorFlow(run, this.ctx)) === 'open') await this.openAuthorization(run)
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

  // --- the vendor flow's API mode: input from the user mid-run --------------------------------

  submitLogin(runId: string, input: LoginInput): Promise<Result<RunView>> {
    return this.withRun(runId, (run) => submitLogin(run, input, this.ctx))
  }

  sendOtp(runId: string): Promise<Result<RunView>> {
    return this.withRun(runId, (run) => sendOtp(run, this.ctx))
  }

  submitOtp(runId: string, otpCode: string): Promise<Result<RunView>> {
    return this.withRun(runId, (run) => submitOtp(run, otpCode, this.ctx))
  }

  /** Runs a user's request on a run; a sentence back is a refusal, an exception stops the run. */
  private async withRun(runId: string, act: (run: Run) => Promise<string | undefined>): Promise<Result<RunView>> {
    const run = this.runs.get(runId)
    if (!run) return fail('not-found', `No run with id "${runId}".`)
    try {
      const refusal = await act(run)
      if (refusal !== undefined) return fail('conflict', refusal)
    } catch (error) {
      if (run.vendor) run.vendor.busy = false
      this.failRun(run, internalErrorDiagnosis(error, run, this.deps.clock.now()))
    }
    return ok(toRunView(run))
  }

  /** A run as main holds it (raw values included), for the evidence exports that redact it. */
  findRun(runId: string): Readonly<Run> | undefined {
    return this.runs.get(runId)
  }

  /** Resolves when the run's code exchange (if any) has finished; for tests and scripts. */
  async settled(runId: string): Promise<RunView | undefined> {
    const run = this.runs.get(runId)
    if (!run) return undefined
    await run.exchange
    return toRunView(run)
  }

  /** Hands a redirect to the inbox, as any way back does. */
  deliver(delivery: Delivery): Promise<DeliveryResult> {
    return this.inbox.deliver(delivery)
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.runs.values()].filter((r) => !isFinished(r)).map(async (run) => {
        this.finish(run, 'cancelled')
        await run.exchange
      }),
    )
  }

  // --- matching a redirect to its run -------------------------------------------------------

  /**
   * Ties a redirect to the run that sent its `state` and takes it at most once. Everything
   * from here to setting `run.capture` is synchronous, so two ways back racing each other
   * (loopback and paste, a double OS delivery) can never both start an exchange.
   */
  private async receive(delivery: Delivery): Promise<DeliveryResult> {
    try {
      return this.route(delivery)
    } catch (error) {
      const run = delivery.runId !== undefined ? this.runs.get(delivery.runId) : undefined
      const diagnosis = internalErrorDiagnosis(error, run, this.deps.clock.now())
      if (run && !isFinished(run)) this.failRun(run, diagnosis)
      return { outcome: 'rejected', message: diagnosis.summary, diagnosis }
    }
  }

  private route(delivery: Delivery): DeliveryResult {
    const now = this.deps.clock.now()
    const parsed = parseCallback(delivery.url)
    const owner = delivery.runId !== undefined ? this.runs.get(delivery.runId) : undefined
    if (parsed.kind === 'invalid') {
      const diagnosis = buildDiagnosis({ code: 'callback.malformed', summary: parsed.reason, stepKind: 'callback' }, now)
      // A listener or window of a run shows what it received; a bad paste stays in the form.
      if (owner && delivery.method !== 'paste') {
        this.arrive(owner, delivery, 'rejected', parsed.reason)
        this.update(owner)
      }
      return { outcome: 'rejected', ...(owner && { runId: owner.id }), message: parsed.reason, diagnosis }
    }
    const byState = parsed.state !== undefined ? this.runs.get(this.byState.get(parsed.state) ?? '') : undefined

    if (parsed.state === undefined) {
      const target = owner ?? this.onlyWaitingRun()
      const summary = 'The redirect carries no `state`, so it cannot be matched to the run; the code was not exchanged.'
      if (!target) {
        const diagnosis = buildDiagnosis({ code: 'callback.state_missing', summary, stepKind: 'callback' }, now)
        return { outcome: 'rejected', message: summary, diagnosis }
      }
      return this.rejectForRun(target, delivery, parsed, {
        code: 'callback.state_missing',
        summary,
        cause: { id: 'state.missing', text: 'The redirect has no `state` parameter.', evidence: [{ label: 'redirect', value: maskRedirect(delivery.url) }] },
      })
    }
    // A paste into the wrong run is forgiven: the state decides. A run's own loopback is not
    // (RFC 8252 §8.10: a response on another run's redirect URI is a mix-up).
    const run = delivery.method === 'paste' ? (byState ?? owner) : (owner ?? byState)
    if (!run) {
      const summary = 'Not from a run of this app: its `state` matches none of our runs (possible CSRF, or a redirect meant for another session). It was not exchanged.'
      const diagnosis = buildDiagnosis(
        {
          code: 'callback.state_unknown',
          summary,
          stepKind: 'callback',
          causes: [{ id: 'state.unknown', text: 'No run of this app sent this state.', likelihood: 'confirmed', evidence: [{ label: 'state received', value: parsed.state }] }],
        },
        now,
      )
      return { outcome: 'rejected', message: summary, diagnosis }
    }
    if (parsed.state !== run.state) {
      return this.rejectForRun(run, delivery, parsed, {
        code: 'callback.state_mismatch',
        summary: `The redirect's state "${short(parsed.state)}" is not the state this run sent ("${short(run.state)}"); the code was not exchanged.`,
        cause: {
          id: 'state.altered',
          text: 'The state received differs from the one sent.',
          evidence: [
            { label: 'state sent', value: run.state },
            { label: 'state received', value: parsed.state },
          ],
        },
      })
    }
    return this.take(run, delivery, parsed)
  }

  /** The state matched: take the redirect unless the run already has one or has ended. */
  private take(run: Run, delivery: Delivery, parsed: Exclude<ParsedCallback, { kind: 'invalid' }>): DeliveryResult {
    const now = this.deps.clock.now()
    if (run.capture) {
      const first = run.capture.method
      const message =
        run.captureFingerprint === fingerprint(parsed)
          ? `Duplicate redirect via ${delivery.method} ignored: the same redirect already arrived via ${first}, and a code is exchanged once only.`
          : `A second, different redirect via ${delivery.method} was ignored: this run already took its redirect via ${first}, and a code is exchanged once only.`
      this.arrive(run, delivery, 'duplicate', message)
      this.update(run)
      const diagnosis = buildDiagnosis({ code: 'callback.duplicate', summary: message, stepKind: 'callback' }, now)
      return { outcome: 'duplicate', runId: run.id, message, diagnosis }
    }
    if (isFinished(run)) {
      const message = finishedMessage(run)
      this.arrive(run, delivery, 'rejected', message)
      this.update(run)
      const diagnosis = buildDiagnosis(
        {
          code: 'callback.run_finished',
          summary: message,
          stepKind: 'callback',
          causes: [
            {
              id: 'callback.late',
              text: 'The login finished after the run had ended.',
              likelihood: 'confirmed',
              evidence: [
                { label: 'run status', value: run.status },
                ...(run.endedAt !== undefined ? [{ label: 'run ended', value: new Date(run.endedAt).toISOString() }] : []),
              ],
            },
          ],
        },
        now,
      )
      return { outcome: 'rejected', runId: run.id, message, diagnosis }
    }
    const issuerProblem = checkIssuer(run, parsed)
    if (issuerProblem) return this.rejectForRun(run, delivery, parsed, issuerProblem)
    if (parsed.iss !== undefined && !run.metadata) {
      note(run, now, 'info', 'The redirect names an issuer (`iss`), but this run has no discovered issuer to compare it with; it was not checked.')
    }
    return this.accept(run, delivery, parsed)
  }

  private accept(run: Run, delivery: Delivery, parsed: Exclude<ParsedCallback, { kind: 'invalid' }>): DeliveryResult {
    const now = this.deps.clock.now()
    run.capture = { method: delivery.method, url: maskRedirect(delivery.url), at: now }
    run.captureFingerprint = fingerprint(parsed)
    setStep(run, 'authorize', 'done', now, parsed.kind === 'error' ? 'The server redirected back with an error' : 'Signed in and redirected back')
    if (parsed.kind === 'error') {
      setStep(run, 'callback', 'done', now, `error=${parsed.error} via ${delivery.method}`)
      const diagnosis = explainAuthorizeError(parsed, now, { ...(run.authorizeUrl !== undefined && { authorizeUrl: run.authorizeUrl }) })
      this.arrive(run, delivery, 'accepted', diagnosis.summary)
      this.failRun(run, diagnosis)
      return { outcome: 'accepted', runId: run.id, message: diagnosis.summary, diagnosis }
    }
    const message = 'Authorization code received; exchanging it for tokens.'
    this.arrive(run, delivery, 'accepted', message)
    setStep(run, 'callback', 'done', now, `Code received via ${delivery.method}`)
    setDeadline(run, {
      kind: 'code',
      label: 'Authorization code',
      startsAt: now,
      expiresAt: now + run.profile.lifetimes.codeSeconds * 1000,
    })
    run.code = parsed.code
    const exchange = run.vendor ? exchangeVendorCode : exchangeCode
    run.exchange = exchange(run, parsed.code, this.ctx).catch((error: unknown) => {
      this.failRun(run, internalErrorDiagnosis(error, run, this.deps.clock.now()))
    })
    return { outcome: 'accepted', runId: run.id, message }
  }

  private rejectForRun(
    run: Run,
    delivery: Delivery,
    parsed: Exclude<ParsedCallback, { kind: 'invalid' }>,
    problem: Problem,
  ): DeliveryResult {
    const now = this.deps.clock.now()
    const diagnosis = buildDiagnosis(
      { code: problem.code, summary: problem.summary, stepKind: 'callback', causes: [{ ...problem.cause, likelihood: 'confirmed' }] },
      now,
    )
    this.arrive(run, delivery, 'rejected', problem.summary)
    if (isFinished(run) || run.capture) {
      this.update(run)
      return { outcome: 'rejected', runId: run.id, message: problem.summary, diagnosis }
    }
    // A code we cannot tie to this run is never used; the run stops here, fail-closed.
    run.capture = { method: delivery.method, url: maskRedirect(delivery.url), at: now }
    run.captureFingerprint = fingerprint(parsed)
    setStep(run, 'authorize', 'done', now, 'Redirected back')
    setStep(run, 'callback', 'failed', now, parsed.kind === 'code' ? `Code rejected: ${problem.code === 'callback.state_missing' || problem.code === 'callback.state_mismatch' ? 'state' : 'issuer'} check failed` : 'Redirect rejected')
    this.failRun(run, diagnosis)
    return { outcome: 'rejected', runId: run.id, message: problem.summary, diagnosis }
  }

  /** Records a redirect on the run it reached, for the run view. */
  private arrive(run: Run, delivery: Delivery, outcome: RedirectArrival['outcome'], message: string): void {
    run.arrivals.push({ method: delivery.method, url: maskRedirect(delivery.url), at: this.deps.clock.now(), outcome, message })
    // A flood (a script, a reload loop) must not grow a run without bound.
    if (run.arrivals.length > 50) run.arrivals.splice(1, run.arrivals.length - 50)
  }

  private onlyWaitingRun(): Run | undefined {
    const waiting = [...this.runs.values()].filter((r) => r.status === 'awaiting-callback')
    return waiting.length === 1 ? waiting[0] : undefined
  }

  // --- lifecycle ---------------------------------------------------------------------------

  /** Sends the user to the authorization page: the browser, or the in-app auth window. */
  private async openAuthorization(run: Run): Promise<void> {
    if (run.captureMethod === 'auth-window' && this.deps.openAuthWindow) {
      await this.openAuthWindow(run, this.deps.openAuthWindow)
      return
    }
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

  private async openAuthWindow(run: Run, open: OpenAuthWindow): Promise<void> {
    try {
      const handle = await open({
        runId: run.id,
        authorizeUrl: run.authorizeUrl as string,
        redirectUri: run.redirectUri as string,
        deliver: (url) => void this.inbox.deliver({ url, method: 'auth-window', runId: run.id }),
        closed: () => {
          if (isFinished(run) || run.capture) return
          note(run, this.deps.clock.now(), 'warning', 'The sign-in window was closed before the redirect arrived. Paste the redirect, or cancel the run.')
          this.update(run)
        },
      })
      run.disposers.push(() => handle.close())
      note(run, this.deps.clock.now(), 'info', 'Authorization page opened in the in-app window, in a fresh session with no cookies from earlier runs.')
      this.update(run)
    } catch (error) {
      const summary = `The in-app auth window could not be opened (${(error as Error).message}).`
      this.failRun(run, buildDiagnosis({ code: 'capture.unavailable', summary, stepKind: 'authorize' }, this.deps.clock.now()))
    }
  }

  private armSession(run: Run): void {
    const expiresAt = run.createdAt + run.sessionSeconds * 1000
    setDeadline(run, { kind: 'session', label: 'Authorization session', startsAt: run.createdAt, expiresAt })
    const cancel = this.deps.clock.at(expiresAt, () => this.expire(run))
    run.disposers.push(cancel)
  }

  private expire(run: Run): void {
    // Once the code is in hand the session no longer matters.
    if (isFinished(run) || run.capture || run.vendor?.codeIssuedAt !== undefined) return
    const now = this.deps.clock.now()
    if (run.vendor) {
      const diagnosis = vendorSessionExpired(run, now)
      for (const step of run.steps) if (step.status === 'active') setStep(run, step.kind, 'failed', now, 'The vendor’s session ended first')
      addDiagnosis(run, diagnosis)
      this.finish(run, 'expired')
      return
    }
    const minutes = run.sessionSeconds / 60
    const length = minutes >= 1 ? `${Math.round(minutes * 10) / 10} min` : `${run.sessionSeconds} s`
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
    for (const step of run.steps) if (step.status === 'active') setStep(run, step.kind, 'failed', now, 'The authorization session ended before the redirect came back')
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
    // A vendor run whose final check failed still hands its tokens over, to try them again.
    if (run.tokens) this.deps.onTokens?.(run)
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

  /**
   * Publishes a run's new state. Several changes made in one go (a step ends, a note, the next
   * step starts) become one event: the view is built and sent once, after the current job.
   */
  private update(run: Run): void {
    run.revision++
    if (this.pendingUpdates.has(run)) return
    this.pendingUpdates.add(run)
    queueMicrotask(() => {
      this.pendingUpdates.delete(run)
      this.deps.emit({ type: 'run-updated', run: toRunView(run) })
      if (isFinished(run)) this.deps.onFinished?.(run)
    })
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
