import { maskToken } from '../../shared/mask'
import { buildDiagnosis } from '../diagnose/build'
import { explainVendorStep } from '../diagnose/explain-vendor-step'
import { readVendorReply, replyLine, type VendorReply } from '../diagnose/vendor-reply'
import type { HttpExchange } from '../http/exchange'
import type { FlowContext } from './flow-context'
import { internalErrorDiagnosis } from './internal-error'
import { isFinished, note, setDeadline, setStep, type Run } from './run'
import { describe } from './standard-flow'
import { callOf, exchangeVendorCode, vendorEvidence } from './vendor-flow'
import { authorizeRequest, loginRequest, otpSendRequest } from './vendor-requests'
import { forgetLogin, OTP_RESEND_COOLDOWN_SECONDS, type VendorState } from './vendor-state'

/**
 * API mode's steps that need the user: the login (step 2), the OTP send and the OTP login,
 * then, on their own, authorize (step 3), the exchange and the final check. Each call answers
 * `undefined` when it was taken, or a sentence saying why not (a conflict, not a failure).
 *
 * A refused password, a wrong code or a rate limit leave the run waiting with the explained
 * problem, so the tester can try again within the session; a configuration problem (keys,
 * host) ends the run.
 */

export interface LoginInput {
  email: string
  password: string
  remember?: boolean
}

export async function submitLogin(run: Run, input: LoginInput, ctx: FlowContext): Promise<string | undefined> {
  const v = run.vendor
  const refusal = refuse(run, v, 'login')
  if (refusal !== undefined || !v) return refusal
  const now = (): number => ctx.clock.now()
  v.busy = true
  try {
    forgetLogin(run)
    v.login = { email: input.email, password: input.password }
    // Scrubbed from everything that leaves main while the run holds it, should a server echo it.
    run.secrets.push(input.password)
    setStep(run, 'login', 'active', now(), `Logging in as ${input.email}`)
    ctx.update(run)
    const ex = await ctx.http.send(loginRequest(callOf(v), v.login), { runId: run.id, step: 'login' })
    if (isFinished(run)) return undefined
    afterLogin(run, v, ex, ctx)
    // Only a login the vendor accepted is worth keeping.
    const accepted = v.loginToken !== undefined || v.waiting === 'otp'
    if (input.remember && accepted) await remember(run, input, ctx)
  } finally {
    v.busy = false
    ctx.update(run)
  }
  return undefined
}

export async function sendOtp(run: Run, ctx: FlowContext): Promise<string | undefined> {
  const v = run.vendor
  const refusal = refuse(run, v, 'otp')
  if (refusal !== undefined || !v) return refusal
  const now = (): number => ctx.clock.now()
  if (v.userId === undefined) return 'The login answer gave no userId to send a code to.'
  if (v.otp.resendAt !== undefined && now() < v.otp.resendAt) {
    return `Wait ${Math.ceil((v.otp.resendAt - now()) / 1000)} s before sending another code.`
  }
  v.busy = true
  try {
    const ex = await ctx.http.send(otpSendRequest(callOf(v), v.userId), { runId: run.id, step: 'otp' })
    if (isFinished(run)) return undefined
    const reply = readVendorReply(ex)
    if (reply.shape === 'ok') {
      v.otp.sends++
      v.otp.sentAt = now()
      v.otp.resendAt = now() + OTP_RESEND_COOLDOWN_SECONDS * 1000
      delete v.problem
      setStep(run, 'otp', 'active', now(), `Code sent${v.phoneNumber ? ` to ${v.phoneNumber}` : ''}; enter it`)
      note(run, now(), 'info', `The vendor sent a one-time code${v.phoneNumber ? ` to ${v.phoneNumber}` : ''} (send #${v.otp.sends}).`)
      return undefined
    }
    const diagnosis = explainVendorStep(vendorEvidence(run, ex, now()))
    if (!retryable(reply)) {
      ctx.fail(run, diagnosis)
      return undefined
    }
    v.problem = diagnosis
    const wait = reply.shape === 'gateway' ? reply.retryAfterSeconds : undefined
    if (wait !== undefined) v.otp.resendAt = now() + wait * 1000
    note(run, now(), 'warning', `Sending the code was refused: ${diagnosis.title}.`)
    return undefined
  } finally {
    v.busy = false
    ctx.update(run)
  }
}

export async function submitOtp(run: Run, otpCode: string, ctx: FlowContext): Promise<string | undefined> {
  const v = run.vendor
  const refusal = refuse(run, v, 'otp')
  if (refusal !== undefined || !v) return refusal
  if (!v.login) return 'The login is no longer in memory; restart the run.'
  v.busy = true
  try {
    setStep(run, 'otp', 'active', ctx.clock.now(), 'Logging in again with the code')
    ctx.update(run)
    const ex = await ctx.http.send(loginRequest(callOf(v), { ...v.login, otpCode }), { runId: run.id, step: 'otp' })
    if (!isFinished(run)) afterLogin(run, v, ex, ctx)
  } finally {
    v.busy = false
    ctx.update(run)
  }
  return undefined
}

function refuse(run: Run, v: VendorState | undefined, wanted: 'login' | 'otp'): string | undefined {
  if (!v || v.mode !== 'api') return 'This run does not ask for a login: it is not an API-mode vendor run.'
  if (isFinished(run)) return `This run has already ended (${run.status}).`
  if (v.busy) return 'The previous request of this run is still on its way.'
  if (v.waiting !== wanted) return wanted === 'login' ? 'This run is not waiting for a login now.' : 'This run is not waiting for a one-time code now.'
  return undefined
}

async function remember(run: Run, input: LoginInput, ctx: FlowContext): Promise<void> {
  const now = ctx.clock.now()
  if (!ctx.rememberLogin) {
    // Hosts without a vault (some tests) pass no rememberLogin.
    note(run, now, 'warning', 'Not remembered: no vault is available here, so the email and password were used for this run only.')
    return
  }
  try {
    await ctx.rememberLogin(run.profile.id, { email: input.email, password: input.password })
    note(run, now, 'info', 'The vault keeps the email and password for this profile.')
  } catch (error) {
    note(run, now, 'warning', `The vault could not keep the login (${(error as Error).name}); it was used for this run only.`)
  }
}

/** A refusal the user can answer by trying again (wrong password or code, too many tries). */
const retryable = (reply: VendorReply): boolean =>
  (reply.shape === 'gateway' && (reply.status === 400 || reply.status === 429)) || reply.shape === 'validation'

/** Reads a login answer (first login, or the one with the code) and moves the run on. */
function afterLogin(run: Run, v: VendorState, ex: HttpExchange, ctx: FlowContext): void {
  const now = ctx.clock.now()
  const reply = readVendorReply(ex)
  const step = ex.step as 'login' | 'otp'
  if (reply.shape === 'ok') {
    const body = reply.body
    v.account = {
      ...(body.phase === null || typeof body.phase === 'string' ? { phase: body.phase as string | null } : {}),
      ...(typeof body.verificationState === 'string' && { verificationState: body.verificationState }),
      ...(typeof body.isLinked === 'boolean' && { isLinked: body.isLinked }),
    }
    if (typeof body.accessToken === 'string' && body.accessToken !== '') {
      signedIn(run, v, ex, body.accessToken, ctx)
      return
    }
    if (body.isOtpRequired === true) {
      toOtp(run, v, ex, body, otpExplanation(ex, now, `HTTP ${reply.status} with isOtpRequired: true and no accessToken`), ctx)
      return
    }
    if (typeof body.phase === 'string') {
      const phase = body.phase
      ctx.fail(
        run,
        buildDiagnosis(
          {
            code: 'vendor.onboarding_incomplete',
            summary: `The login answered without a token: the account is still in onboarding phase ${phase}.`,
            stepKind: step,
            exchangeId: ex.id,
            causes: [{ id: 'account.phase', text: `The vendor names the phase to finish: ${phase}.`, likelihood: 'confirmed', evidence: [{ label: 'phase', value: phase }, { label: 'accessToken', value: 'null' }] }],
          },
          now,
        ),
      )
      return
    }
    ctx.fail(run, buildDiagnosis({ code: 'vendor.unexpected_reply', summary: `The login answered ${replyLine(reply)} without a token, an OTP request or a phase.`, stepKind: step, exchangeId: ex.id }, now))
    return
  }
  // The login reference's other style: "OTP required" as a 400 that names the user.
  if (reply.shape === 'gateway' && reply.status === 400 && /otp required/i.test(reply.message) && typeof reply.body.userId === 'string' && v.waiting === 'login') {
    toOtp(run, v, ex, reply.body, explainVendorStep(vendorEvidence(run, ex, now)), ctx)
    return
  }
  const diagnosis = explainVendorStep(vendorEvidence(run, ex, now))
  if (retryable(reply)) {
    v.problem = diagnosis
    setStep(run, step, 'active', now, `${diagnosis.title}: try again`)
    note(run, now, 'warning', `${step === 'login' ? 'Login' : 'Code'} refused: ${diagnosis.title} (${diagnosis.code}).`)
    return
  }
  ctx.fail(run, diagnosis)
}

function otpExplanation(ex: HttpExchange, now: number, said: string): ReturnType<typeof buildDiagnosis> {
  return buildDiagnosis(
    {
      code: 'vendor.otp_required',
      summary: `The password was accepted, and the login answered ${said}: this user needs a one-time code.`,
      stepKind: 'login',
      exchangeId: ex.id,
      causes: [{ id: 'otp.enabled', text: 'The vendor asks for a one-time code for this user.', likelihood: 'confirmed', evidence: [{ label: 'login answer', value: said }] }],
    },
    now,
  )
}

function toOtp(run: Run, v: VendorState, ex: HttpExchange, body: Record<string, unknown>, explanation: ReturnType<typeof buildDiagnosis>, ctx: FlowContext): void {
  const now = ctx.clock.now()
  if (typeof body.userId === 'string') v.userId = body.userId
  if (typeof body.phoneNumber === 'string') v.phoneNumber = body.phoneNumber
  if (v.waiting === 'login') {
    v.otpExplanation = explanation
    setStep(run, 'login', 'done', now, `${describe(ex)}: password accepted, a one-time code is required`)
  }
  delete v.problem
  v.waiting = 'otp'
  run.status = 'awaiting-otp'
  setStep(run, 'otp', 'active', now, 'Send the code, then enter it')
  if (v.userId === undefined) {
    ctx.fail(run, buildDiagnosis({ code: 'vendor.otp_required', summary: 'The login asks for a one-time code but names no userId to send it to.', stepKind: 'otp', exchangeId: ex.id }, now))
  }
}

/** The login token is in hand: the password is dropped, and steps 3, 4 and the check run on their own. */
function signedIn(run: Run, v: VendorState, ex: HttpExchange, loginToken: string, ctx: FlowContext): void {
  const now = ctx.clock.now()
  v.loginToken = loginToken
  forgetLogin(run)
  delete v.problem
  v.waiting = undefined
  const step = ex.step as 'login' | 'otp'
  setStep(run, step, 'done', now, `${describe(ex)}: login token ${maskToken(loginToken)}`)
  if (step === 'login') setStep(run, 'otp', 'skipped', now, 'No one-time code needed for this user')
  else setStep(run, 'login', 'done', now)
  if (v.account?.phase) note(run, now, 'warning', `The login gave a token, but registration is only partly done (phase ${v.account.phase}).`)
  run.status = 'exchanging'
  run.exchange = authorizeAndExchange(run, v, ctx).catch((error: unknown) => {
    ctx.fail(run, internalErrorDiagnosis(error, run, ctx.clock.now()))
  })
}

/** Step 3 in API mode: both tokens, then the code from the JSON answer (its `state` checked). */
async function authorizeAndExchange(run: Run, v: VendorState, ctx: FlowContext): Promise<void> {
  const now = (): number => ctx.clock.now()
  setStep(run, 'authorize', 'active', now())
  ctx.update(run)
  const ex = await ctx.http.send(authorizeRequest(callOf(v), v.loginToken as string, v.sessionToken as string), { runId: run.id, step: 'authorize' })
  if (isFinished(run)) return
  const reply = readVendorReply(ex)
  const code = reply.shape === 'ok' && typeof reply.body.code === 'string' && reply.body.code !== '' ? reply.body.code : undefined
  if (reply.shape !== 'ok' || code === undefined) {
    ctx.fail(run, reply.shape === 'ok' ? buildDiagnosis({ code: 'vendor.unexpected_reply', summary: 'Step 3 answered 200 without a `code`.', stepKind: 'authorize', exchangeId: ex.id }, now()) : explainVendorStep(vendorEvidence(run, ex, now())))
    return
  }
  const state = reply.body.state
  if (typeof state === 'string' && state !== run.state) {
    ctx.fail(
      run,
      buildDiagnosis(
        {
          code: 'callback.state_mismatch',
          summary: 'Step 3 answered with a `state` that is not the one this run sent at step 1; the code was not exchanged.',
          stepKind: 'authorize',
          exchangeId: ex.id,
          causes: [{ id: 'state.altered', text: 'The state in the answer differs from the one sent.', likelihood: 'confirmed', evidence: [{ label: 'state sent', value: run.state }, { label: 'state received', value: state }] }],
        },
        now(),
      ),
    )
    return
  }
  if (typeof state !== 'string') note(run, now(), 'warning', 'Step 3 did not echo `state`; the vendor documents that it does.')
  v.codeIssuedAt = now()
  run.code = code
  setDeadline(run, { kind: 'code', label: 'Authorization code', startsAt: now(), expiresAt: now() + run.profile.lifetimes.codeSeconds * 1000 })
  setStep(run, 'authorize', 'done', now(), `${describe(ex)}: code received, state matches`)
  await exchangeVendorCode(run, code, ctx)
}
