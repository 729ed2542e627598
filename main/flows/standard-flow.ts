import type { Profile } from '../../shared/domain/profile'
import { buildDiagnosis } from '../diagnose/build'
import { explainTokenResponse } from '../diagnose/explain-token-response'
import { TOKEN_RULES } from '../diagnose/token-rules'
import { tokenEvidence } from './token-evidence'
import type { HttpExchange } from '../http/exchange'
import { buildAuthorizeUrl } from '../oauth/authorize-url'
import { discover } from '../oauth/discovery'
import { codeExchangeRequest } from '../oauth/token-request'
import { readTokenResponse } from '../oauth/token-response'
import type { FlowContext } from './flow-context'
import { setStep, type Run } from './run'
import { keepTokens } from './token-result'
import { prepareWayBack } from './way-back-setup'

/**
 * The standard OAuth 2.0 / OIDC authorization-code + PKCE flow: discovery, authorize in the
 * browser, receive the redirect, exchange the code once.
 */
export const STANDARD_STEPS = ['discovery', 'authorize', 'callback', 'token'] as const

/** Runs the flow up to "waiting for the redirect". Returns false when the run already failed. */
export async function beginStandardFlow(run: Run, ctx: FlowContext): Promise<boolean> {
  const profile = run.profile
  const now = (): number => ctx.clock.now()

  // 1. Endpoints: from the embedded server, from discovery, or typed in the profile.
  let issuer = profile.issuer
  if (profile.embedded === 'oidc-sandbox') {
    const sandbox = await ctx.sandbox.acquire()
    run.disposers.push(() => ctx.sandbox.release())
    issuer = sandbox.issuer
  }
  if (issuer) {
    run.issuer = issuer.replace(/\/+$/, '')
    setStep(run, 'discovery', 'active', now())
    ctx.update(run)
    const found = await discover(ctx.http, run.issuer, { runId: run.id })
    if (!found.ok) {
      return ctx.fail(
        run,
        buildDiagnosis(
          { code: 'discovery.failed', summary: found.reason, stepKind: 'discovery', exchangeId: found.exchange.id },
          now(),
        ),
      )
    }
    run.metadata = found.metadata
    run.issuer = found.metadata.issuer
    run.endpoints = { ...found.metadata.endpoints, ...definedEndpoints(profile) }
    setStep(run, 'discovery', 'done', now(), `${Object.keys(found.metadata.endpoints).length} endpoints found`)
  } else {
    run.endpoints = definedEndpoints(profile)
    setStep(run, 'discovery', 'skipped', now(), 'Endpoints entered by hand')
  }
  const missing = (['authorize', 'token'] as const).filter((k) => !run.endpoints[k])
  if (missing.length > 0) {
    return ctx.fail(
      run,
      buildDiagnosis(
        { code: 'profile.incomplete', summary: `The profile has no ${missing.join(' and ')} endpoint and no issuer to discover it from.`, stepKind: 'authorize' },
        now(),
      ),
    )
  }

  // 2. The way back, ready before the browser leaves.
  if (!(await prepareWayBack(run, ctx, 'authorize'))) return false

  // 3. The authorization request.
  run.authorizeUrl = buildAuthorizeUrl(run.endpoints.authorize as string, {
    clientId: profile.clientId,
    redirectUri: run.redirectUri as string,
    scope: profile.scopes,
    state: run.state,
    codeChallenge: run.pkce.challenge,
    ...(run.nonce !== undefined && { nonce: run.nonce }),
    extra: profile.extraAuthorizeParams,
  })
  run.status = 'awaiting-callback'
  setStep(run, 'authorize', 'active', now(), 'Waiting for the login in the browser')
  ctx.update(run)
  return true
}

/** The one and only code exchange of a run (RFC 6749 §4.1.3). */
export async function exchangeCode(run: Run, code: string, ctx: FlowContext): Promise<void> {
  const now = (): number => ctx.clock.now()
  run.status = 'exchanging'
  setStep(run, 'token', 'active', now())
  ctx.update(run)
  const credentials = await ctx.credentials(run)
  const request = codeExchangeRequest(
    {
      endpoint: run.endpoints.token as string,
      credentials,
      extraParams: run.profile.extraTokenParams,
      extraHeaders: run.profile.extraHeaders,
    },
    { code, redirectUri: run.redirectUri as string, codeVerifier: run.pkce.verifier },
  )
  const exchange = await ctx.http.send(request, { runId: run.id, step: 'token' })
  // The code is spent whatever the answer; keep no copy.
  delete run.code
  const response = readTokenResponse(exchange)
  if (response.kind !== 'tokens') {
    ctx.fail(run, explainTokenResponse(response, tokenEvidence(run, exchange, now()), TOKEN_RULES, now()))
    return
  }
  keepTokens(run, response.tokens, now())
  setStep(run, 'token', 'done', now(), describe(exchange))
  ctx.succeed(run)
}

export const describe = (ex: HttpExchange): string => {
  let path = ex.request.url
  try {
    path = new URL(ex.request.url).pathname
  } catch {
    // keep the raw URL
  }
  const outcome = ex.response ? String(ex.response.status) : (ex.error?.kind ?? 'error')
  return `${ex.request.method} ${path} → ${outcome} in ${Math.round(ex.durationMs)} ms`
}

function definedEndpoints(profile: Profile): Run['endpoints'] {
  return Object.fromEntries(Object.entries(profile.endpoints).filter(([, v]) => typeof v === 'string' && v !== ''))
}

