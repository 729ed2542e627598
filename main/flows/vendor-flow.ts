import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { FlowKind } from '../../shared/domain/profile'
import type { StepKind } from '../../shared/domain/run'
import { buildDiagnosis } from '../diagnose/build'
import { explainFinalCheck } from '../diagnose/explain-final-check'
import { explainVendorStep, type VendorEvidence } from '../diagnose/explain-vendor-step'
import { explainVendorToken } from '../diagnose/explain-vendor-token'
import { readVendorReply } from '../diagnose/vendor-reply'
import { bearerValue, identifyToken } from '../diagnose/vendor-token-identity'
import type { HttpExchange } from '../http/exchange'
import { testApiRequest } from '../oauth/resource-request'
import { readTokenResponse } from '../oauth/token-response'
import type { FlowContext } from './flow-context'
import { isFinished, note, setStep, type Run } from './run'
import { describe } from './standard-flow'
import { tokenEvidence } from './token-evidence'
import { keepTokens } from './token-result'
import { initiateRequest, vendorTokenRequest, type VendorCall } from './vendor-requests'
import { forgetLogin, type VendorState } from './vendor-state'
import { resolveVendorTarget } from './vendor-target'
import { issuedTokens, knownTokens, requestLine } from './vendor-token-map'
import { prepareWayBack } from './way-back-setup'

/**
 * The vendor's four-step flow (baanx-oauth.md §2): initiate → login (+OTP) → authorize →
 * token, then the final-token check. Hosted-UI mode sends the user to the vendor's page, which
 * logs in and authorizes, and the code comes back by redirect like any other. API mode asks
 * the user for email, password and OTP mid-run (`vendor-input.ts`) and gets the code as JSON.
 * Every request carries `x-client-key` (and `x-us-env: true` for the US region).
 */
export const VENDOR_HOSTED_STEPS: readonly StepKind[] = ['initiate', 'authorize', 'callback', 'token', 'final-check']
export const VENDOR_API_STEPS: readonly StepKind[] = ['initiate', 'login', 'otp', 'authorize', 'token', 'final-check']

export const vendorSteps = (flow: FlowKind): StepKind[] => [...(flow === 'vendor-api' ? VENDOR_API_STEPS : VENDOR_HOSTED_STEPS)]

const TITLES: Record<'hosted' | 'api', Partial<Record<StepKind, string>>> = {
  hosted: { authorize: 'Sign in on the vendor’s hosted page (steps 2–3)', token: 'Exchange the code (step 4)' },
  api: { authorize: 'Authorize with both tokens (step 3)', token: 'Exchange the code (step 4)' },
}

/** Where the run's requests go: the API host and the headers every step sends. */
export const callOf = (v: VendorState): VendorCall => ({ baseUrl: v.baseUrl, headers: v.publicHeaders })

/**
 * Step 1, and everything before it: the keys and host (from the embedded simulator or the
 * profile and vault), the redirect URI, then initiate. Answers `open` when the hosted page is
 * to be opened, `wait` when the run waits for the user's login, false when it failed.
 */
export async function beginVendorFlow(run: Run, ctx: FlowContext): Promise<'open' | 'wait' | false> {
  const now = (): number => ctx.clock.now()
  const mode = run.profile.flow === 'vendor-api' ? 'api' : 'hosted'
  for (const step of run.steps) step.title = TITLES[mode][step.kind] ?? step.title

  let sim
  if (run.profile.embedded === 'vendor-simulator') {
    if (!ctx.vendorSimulator) {
      return ctx.fail(run, buildDiagnosis({ code: 'profile.incomplete', summary: 'This host has no local vendor simulator.', stepKind: 'initiate' }, now()))
    }
    sim = await ctx.vendorSimulator.acquire()
    const simulator = ctx.vendorSimulator
    run.disposers.push(() => simulator.release())
  }
  const target = resolveVendorTarget(run.profile, await ctx.secrets(run.profile.id), sim)
  if ('problem' in target) return ctx.fail(run, buildDiagnosis({ code: 'profile.incomplete', summary: target.problem, stepKind: 'initiate' }, now()))
  run.profile = target.profile
  run.secrets.push(...Object.values(target.secretHeaders).filter((v) => v.length > 0))
  const v: VendorState = {
    mode,
    region: run.profile.region ?? 'international',
    baseUrl: target.baseUrl,
    clientId: target.clientId,
    publicHeaders: target.publicHeaders,
    secretHeaders: target.secretHeaders,
    otp: { sends: 0 },
    busy: false,
    canRemember: ctx.rememberLogin !== undefined,
  }
  run.vendor = v
  // The password never outlives the run, whatever way it ends.
  run.disposers.push(() => forgetLogin(run))

  // The redirect URI: a way back for the hosted page; in API mode the registered one (the code comes back as JSON).
  if (mode === 'hosted') {
    if (!(await prepareWayBack(run, ctx, 'initiate'))) return false
  } else {
    const fixed = run.profile.capture.redirectUri
    if (!fixed) {
      return ctx.fail(
        run,
        buildDiagnosis({ code: 'profile.incomplete', summary: 'API mode still sends a redirect URI at step 1, and it must be whitelisted: set the profile’s redirect URI.', stepKind: 'initiate' }, now()),
      )
    }
    run.redirectUri = fixed
  }

  setStep(run, 'initiate', 'active', now())
  ctx.update(run)
  const request = initiateRequest(callOf(v), {
    clientId: v.clientId,
    redirectUri: run.redirectUri as string,
    state: run.state,
    codeChallenge: run.pkce.challenge,
    mode,
    extra: run.profile.extraAuthorizeParams,
  })
  v.initiateUrl = request.url
  const ex = await ctx.http.send(request, { runId: run.id, step: 'initiate' })
  if (isFinished(run)) return false
  const reply = readVendorReply(ex)
  const body = reply.shape === 'ok' ? reply.body : undefined
  const sessionToken = typeof body?.token === 'string' && body.token !== '' ? body.token : undefined
  const hostedUrl = typeof body?.url === 'string' ? body.url : reply.shape === 'redirect' ? reply.location : undefined
  if ((mode === 'api' && sessionToken === undefined) || (mode === 'hosted' && !hostedUrl)) {
    return ctx.fail(run, explainVendorStep(vendorEvidence(run, ex, now())))
  }
  if (sessionToken !== undefined) v.sessionToken = sessionToken
  v.sessionStartedAt = ex.startedAt
  setStep(run, 'initiate', 'done', now(), `${describe(ex)}; session ${mode === 'api' ? 'JWT received' : 'started'}`)

  if (mode === 'hosted') {
    run.authorizeUrl = new URL(hostedUrl as string, v.baseUrl).toString()
    run.status = 'awaiting-callback'
    setStep(run, 'authorize', 'active', now(), 'Waiting for the sign-in on the vendor’s hosted page')
    ctx.update(run)
    return 'open'
  }
  run.status = 'awaiting-login'
  v.waiting = 'login'
  setStep(run, 'login', 'active', now(), 'Waiting for the email and password')
  ctx.update(run)
  return 'wait'
}

/** Step 4, then the final-token check: the code exchanged once, JSON body, both keys. */
export async function exchangeVendorCode(run: Run, code: string, ctx: FlowContext): Promise<void> {
  const now = (): number => ctx.clock.now()
  const v = run.vendor as VendorState
  run.status = 'exchanging'
  setStep(run, 'token', 'active', now())
  ctx.update(run)
  const request = vendorTokenRequest(
    { ...callOf(v), clientId: v.clientId, secretHeaders: v.secretHeaders, extraParams: run.profile.extraTokenParams },
    { code, redirectUri: run.redirectUri as string, codeVerifier: run.pkce.verifier },
  )
  const ex = await ctx.http.send(request, { runId: run.id, step: 'token' })
  // The code is spent whatever the answer; keep no copy.
  delete run.code
  if (isFinished(run)) return
  const response = readTokenResponse(ex)
  if (response.kind !== 'tokens') {
    const token = { ...tokenEvidence(run, ex, now()), ...(v.initiateUrl !== undefined && { authorizeUrl: v.initiateUrl }) }
    const issued = v.codeIssuedAt ?? run.capture?.at
    if (issued !== undefined) token.codeReceivedAt = issued
    ctx.fail(run, explainVendorToken(response, vendorEvidence(run, ex, now()), token))
    return
  }
  keepTokens(run, response.tokens, now())
  setStep(run, 'token', 'done', now(), describe(ex))
  await finalCheck(run, ctx)
}

/**
 * The final-token check: the profile's test endpoint with the final access token as Bearer and
 * `x-client-key`. A refusal is diagnosed from what was sent (which token, which headers).
 */
export async function finalCheck(run: Run, ctx: FlowContext): Promise<void> {
  const now = (): number => ctx.clock.now()
  const v = run.vendor as VendorState
  const test = run.profile.testRequest
  if (!test || !run.tokens) {
    setStep(run, 'final-check', 'skipped', now(), 'The profile has no test request')
    ctx.succeed(run)
    return
  }
  run.status = 'checking'
  setStep(run, 'final-check', 'active', now())
  ctx.update(run)
  const ex = await ctx.http.send(testApiRequest(test, run.tokens.accessToken, { headers: v.publicHeaders }), { runId: run.id, step: 'final-check' })
  if (isFinished(run)) return
  const status = ex.response?.status
  const sentValue = bearerValue(ex.request.headers.authorization)
  const sentKind = identifyToken(sentValue, knownTokens(issuedTokens(run.exchanges)))
  const sent = sentValue === undefined ? 'none' : (sentKind ?? 'unknown')
  if (status !== undefined && status >= 200 && status < 300) {
    v.finalCheck = { request: requestLine(ex), ok: true, status, message: `The API accepted the final access token with x-client-key (HTTP ${status}).`, exchangeId: ex.id, sent }
    setStep(run, 'final-check', 'done', now(), describe(ex))
    ctx.succeed(run)
    return
  }
  const diagnosis = explainFinalCheck({
    ...vendorEvidence(run, ex, now()),
    ...(run.tokens.expiresAt !== undefined && { accessExpiresAt: run.tokens.expiresAt }),
    ...(v.account?.verificationState !== undefined && { verificationState: v.account.verificationState }),
  })
  v.finalCheck = {
    request: requestLine(ex),
    ok: false,
    ...(status !== undefined && { status }),
    message: diagnosis.summary,
    exchangeId: ex.id,
    diagnosisId: diagnosis.id,
    sent,
  }
  note(run, now(), 'warning', 'The code exchange succeeded, but the final token was refused by the API; the tokens are kept for the lifecycle actions.')
  ctx.fail(run, diagnosis)
}

/** What the explainer may compare for a failed vendor step of this run. */
export function vendorEvidence(run: Run, ex: HttpExchange, now: number): VendorEvidence {
  const v = run.vendor
  const index = run.exchanges.findIndex((x) => x.id === ex.id)
  const ev: VendorEvidence = {
    step: ex.step,
    exchange: ex,
    now,
    environment: run.profile.environment,
    region: v?.region ?? 'international',
    tokens: knownTokens(issuedTokens(run.exchanges)),
    // The vendor's session length, not a longer one chosen for this run.
    sessionSeconds: run.profile.lifetimes.sessionSeconds,
    earlier: index >= 0 ? run.exchanges.slice(0, index) : run.exchanges.filter((x) => x.id !== ex.id),
  }
  if (v?.sessionStartedAt !== undefined) ev.sessionStartedAt = v.sessionStartedAt
  if (v?.otp.sentAt !== undefined) ev.otpSentAt = v.otp.sentAt
  return ev
}

/** The engine's session timer ran out on a vendor run, before step 3 produced a code. */
export function vendorSessionExpired(run: Run, now: number): Diagnosis {
  const v = run.vendor as VendorState
  const started = v.sessionStartedAt ?? run.createdAt
  const minutes = Math.round((run.sessionSeconds / 60) * 10) / 10
  const waitingFor = v.waiting === 'login' ? 'the email and password' : v.waiting === 'otp' ? 'the one-time code' : 'the sign-in on the hosted page'
  const jwt = issuedTokens(run.exchanges).find((t) => t.kind === 'session-jwt')
  return buildDiagnosis(
    {
      code: 'session.expired',
      summary: `The vendor’s authorization session, started by step 1 at ${new Date(started).toISOString()}, ran out after ${minutes} min while the run waited for ${waitingFor}; no code was issued.`,
      stepKind: v.mode === 'api' ? (v.waiting ?? 'authorize') : 'authorize',
      causes: [
        {
          id: 'session.slow_login',
          text: `The run was still waiting for ${waitingFor} when the session ended.`,
          likelihood: 'confirmed',
          evidence: [
            { label: 'session started (step 1)', value: new Date(started).toISOString() },
            { label: 'session length', value: `${run.sessionSeconds} s` },
            ...(jwt?.expiresAt !== undefined ? [{ label: 'session JWT exp', value: new Date(jwt.expiresAt).toISOString() }] : []),
          ],
        },
      ],
      fixes: ['Restart: a new run starts a new session (new JWT, new state and verifier).'],
    },
    now,
  )
}
