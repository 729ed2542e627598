import { afterAll, describe, expect, it } from 'vitest'
import type { Diagnosis } from '../../../shared/domain/diagnosis'
import type { RunView } from '../../../shared/domain/run'
import { LOCAL_VENDOR_API_ID, LOCAL_VENDOR_HOSTED_ID } from '../../../main/profiles/builtin'
import { withHeaders, withJson } from '../../support/tampering-http'
import { VendorEngineHarness } from '../../support/vendor-engine'

/**
 * Every documented failure of the vendor flow, provoked by a deliberately wrong request (a
 * profile with wrong settings, or a test-only change to one request), and recognised: the
 * diagnosis id and the evidence that decided it.
 */

const diagnosis = (run: RunView | undefined): Diagnosis => {
  const found = run?.diagnoses.at(-1)
  if (!found) throw new Error(`no diagnosis; run ${run?.status}`)
  return found
}
const cause = (d: Diagnosis, id: string) => d.causes.find((c) => c.id === id)
const evidence = (d: Diagnosis, id: string): Record<string, string> => Object.fromEntries(cause(d, id)?.evidence.map((e) => [e.label, e.value]) ?? [])

describe('vendor flow: the client keys', () => {
  const h = new VendorEngineHarness()
  afterAll(() => h.close())

  it('an unknown x-client-key: 498 at step 1 → http.invalid_client_key', async () => {
    await h.custom('wrong-key', { clientKey: 'sbx-intl-client-kye' })
    const run = await h.engine.settled((await h.start('wrong-key')).id)
    expect(run?.status).toBe('failed')
    const d = diagnosis(run)
    expect(d.code).toBe('http.invalid_client_key')
    expect(d.stepKind).toBe('initiate')
    expect(d.summary).toContain('HTTP 498: “Invalid client key”')
    expect(evidence(d, 'client.key_typo')['x-client-key sent']).toBe('sbx-intl-client-kye')
    // The simulator's own note is shown as a hint only, ranked last.
    expect(d.causes.at(-1)).toMatchObject({ id: 'simulator.hint', likelihood: 'possible' })
  })

  it('no x-client-key: 499 → http.missing_client_key, confirmed by the headers sent', async () => {
    await h.custom('no-key', { clientKey: null })
    const d = diagnosis(await h.engine.settled((await h.start('no-key')).id))
    expect(d.code).toBe('http.missing_client_key')
    expect(cause(d, 'client.key_header_missing')?.likelihood).toBe('confirmed')
    expect(evidence(d, 'client.key_header_missing')['headers sent']).not.toContain('x-client-key')
  })

  it('a wrong x-secret-key: invalid_client at step 4 → token.invalid_client, the secret suspected because the key worked at step 1', async () => {
    await h.custom('wrong-secret', { secretKey: 'sbx-intl-secret-kye' })
    const done = await h.completeApi('wrong-secret')
    expect(done.status).toBe('failed')
    const d = diagnosis(done)
    expect(d.code).toBe('token.invalid_client')
    expect(d.stepKind).toBe('token')
    expect(cause(d, 'client.wrong_secret')).toMatchObject({ likelihood: 'likely' })
    expect(evidence(d, 'client.wrong_secret')['x-client-key accepted at']).toBe('initiate (HTTP 200)')
    // The secret itself is nowhere in the view.
    expect(JSON.stringify(done)).not.toContain('sbx-intl-secret-kye')
  })

  it('no x-secret-key on the code exchange → token.invalid_client, client.missing_headers confirmed', async () => {
    await h.custom('no-secret', { secretKey: null })
    const d = diagnosis(await h.completeApi('no-secret'))
    expect(d.code).toBe('token.invalid_client')
    expect(cause(d, 'client.missing_headers')?.likelihood).toBe('confirmed')
  })

  it('sandbox keys against production → vendor.invalid_client at step 1, the wrong environment ranked first', async () => {
    await h.custom('sandbox-key-in-production', { environment: 'production', clientKey: 'sbx-intl-client-key', profile: { environment: 'production' } })
    const d = diagnosis(await h.engine.settled((await h.start('sandbox-key-in-production')).id))
    expect(d.code).toBe('vendor.invalid_client')
    expect(d.causes[0]).toMatchObject({ id: 'client.wrong_environment', likelihood: 'likely' })
    expect(evidence(d, 'client.wrong_environment')['sent to']).toContain('production environment')
  })

  it('US keys without x-us-env → vendor.invalid_client, the wrong region named', async () => {
    await h.custom('us-key-without-header', { region: 'international', clientKey: 'sbx-us-client-key' })
    const d = diagnosis(await h.engine.settled((await h.start('us-key-without-header')).id))
    expect(d.code).toBe('vendor.invalid_client')
    expect(cause(d, 'client.wrong_region')?.likelihood).toBe('likely')
  })

  it('a key without OAuth enabled → authorize.unauthorized_client', async () => {
    await h.custom('no-oauth', { clientKey: 'sbx-intl-no-oauth-client-key', secretKey: 'sbx-intl-no-oauth-secret-key' })
    const d = diagnosis(await h.engine.settled((await h.start('no-oauth')).id))
    expect(d.code).toBe('authorize.unauthorized_client')
  })
})

describe('vendor flow: step 1 requests', () => {
  const h = new VendorEngineHarness()
  afterAll(() => h.close())

  it.each([
    ['https://example.com/callback/', 'redirect_uri.trailing_slash'],
    ['https://example.com/callback?from=app', 'redirect_uri.query'],
  ])('redirect URI %s → vendor.redirect_uri_mismatch (%s)', async (redirectUri, causeId) => {
    const id = `redirect-${causeId}`
    await h.custom(id, { profile: { capture: { method: 'paste', loopbackPort: 0, loopbackPath: '/callback', redirectUri } } })
    const d = diagnosis(await h.engine.settled((await h.start(id)).id))
    expect(d.code).toBe('vendor.redirect_uri_mismatch')
    expect(cause(d, causeId)).toMatchObject({ likelihood: 'likely' })
    expect(evidence(d, causeId)['redirect_uri sent']).toBe(redirectUri)
  })

  it('an http redirect URI in production → vendor.redirect_uri_mismatch (https required)', async () => {
    await h.custom('http-in-production', {
      environment: 'production',
      profile: { environment: 'production', flow: 'vendor-hosted', capture: { method: 'loopback', loopbackPort: 0, loopbackPath: '/callback' } },
    })
    const d = diagnosis(await h.engine.settled((await h.start('http-in-production')).id))
    expect(d.code).toBe('vendor.redirect_uri_mismatch')
    expect(cause(d, 'redirect_uri.http_in_production')?.likelihood).toBe('likely')
  })

  it.each(['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method'])('initiate without %s → authorize.invalid_request naming it', async (param) => {
    h.http.tamper('initiate', (req) => {
      const url = new URL(req.url)
      url.searchParams.delete(param)
      return { ...req, url: url.toString() }
    })
    const d = diagnosis(await h.engine.settled((await h.start(LOCAL_VENDOR_API_ID)).id))
    expect(d.code).toBe('authorize.invalid_request')
    expect(cause(d, 'authorize.missing_param')).toMatchObject({ likelihood: 'confirmed' })
    expect(evidence(d, 'authorize.missing_param')['parameter missing']).toBe(param)
  })
})

describe('vendor flow: login and OTP', () => {
  const h = new VendorEngineHarness()
  afterAll(() => h.close())

  it('a wrong password → vendor.invalid_credentials; the run waits and the right password completes it', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    const user = await h.user('plain')
    const refused = h.ok(await h.engine.submitLogin(run.id, { email: user.email, password: 'not-the-password' }))
    expect(refused.status).toBe('awaiting-login')
    const input = refused.vendor?.input
    expect(input?.kind).toBe('login')
    expect(input?.problem?.code).toBe('vendor.invalid_credentials')
    expect(input?.problem?.summary).toContain('“Invalid credentials”')
    expect(JSON.stringify(refused)).not.toContain('not-the-password')
    h.ok(await h.engine.submitLogin(run.id, { email: user.email, password: user.password }))
    expect((await h.engine.settled(run.id))?.status).toBe('succeeded')
  })

  it('an email that is not one → 422 → vendor.login_validation with the vendor’s field list', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    const view = h.ok(await h.engine.submitLogin(run.id, { email: 'not-an-email', password: 'x' }))
    expect(view.vendor?.input?.problem?.code).toBe('vendor.login_validation')
    expect(evidence(view.vendor!.input!.problem!, 'login.field_format').email).toBe('email must be a valid email address')
    h.engine.cancel(run.id)
  })

  it('a code entered before any was sent → vendor.otp_invalid, otp.not_sent confirmed from the run', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    await h.login(run.id, 'otp')
    const view = h.ok(await h.engine.submitOtp(run.id, '123456'))
    const problem = view.vendor?.input?.problem
    expect(problem?.code).toBe('vendor.otp_invalid')
    expect(cause(problem!, 'otp.not_sent')?.likelihood).toBe('confirmed')
    h.engine.cancel(run.id)
  })

  it('a code entered after it expired → vendor.otp_expired', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    await h.login(run.id, 'otp')
    h.ok(await h.engine.sendOtp(run.id))
    const code = await h.otp()
    h.clock.advance(301_000)
    const view = h.ok(await h.engine.submitOtp(run.id, code))
    expect(view.vendor?.input?.problem?.code).toBe('vendor.otp_expired')
    h.engine.cancel(run.id)
  })

  it('too many codes → 429 → vendor.rate_limited, and Resend waits for the vendor’s retry-after', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    await h.login(run.id, 'otp')
    for (let i = 0; i < 3; i++) {
      h.ok(await h.engine.sendOtp(run.id))
      h.clock.advance(30_000)
    }
    const limited = h.ok(await h.engine.sendOtp(run.id))
    const input = limited.vendor?.input
    expect(input?.problem?.code).toBe('vendor.rate_limited')
    expect(input?.kind === 'otp' && input.resendAt! - h.clock.now()).toBeGreaterThan(30_000)
    h.engine.cancel(run.id)
  })

  it('a user still onboarding → vendor.onboarding_incomplete, the phase as evidence', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    await h.login(run.id, 'onboarding')
    const d = diagnosis(await h.engine.settled(run.id))
    expect(d.code).toBe('vendor.onboarding_incomplete')
    expect(evidence(d, 'account.phase').phase).toBe('PHONE_NUMBER')
  })

  it('“OTP required” as a 400 (the login reference’s other style) is recognised and leads to the code', async () => {
    const statusStyle = new VendorEngineHarness({ loginErrors: 'status' })
    try {
      const done = await statusStyle.completeApi(LOCAL_VENDOR_API_ID, 'otp')
      expect(done.status).toBe('succeeded')
      const [first] = statusStyle.requests(done.id, 'login')
      expect(first?.response?.status).toBe(400)
      const run = await statusStyle.start(LOCAL_VENDOR_API_ID)
      const asked = await statusStyle.login(run.id, 'otp')
      expect(asked.status).toBe('awaiting-otp')
      expect(asked.vendor?.input?.kind === 'otp' && asked.vendor.input.explanation?.code).toBe('vendor.otp_required')
    } finally {
      await statusStyle.close()
    }
  })
})

describe('vendor flow: the session', () => {
  const h = new VendorEngineHarness()
  afterAll(() => h.close())

  it('the run’s 10-minute session ends while it waits for the login → expired, session.expired', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    h.clock.advance(599_999)
    expect(h.ok(h.engine.get(run.id)).status).toBe('awaiting-login')
    h.clock.advance(1)
    const expired = h.ok(h.engine.get(run.id))
    expect(expired.status).toBe('expired')
    const d = diagnosis(expired)
    expect(d.code).toBe('session.expired')
    expect(d.summary).toContain('waited for the email and password')
    expect(evidence(d, 'session.slow_login')['session JWT exp']).toBe(new Date(run.createdAt + 600_000).toISOString().replace(/\.\d+Z$/, '.000Z'))
    expect(await h.engine.submitLogin(run.id, { email: 'a@b.test', password: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('hosted-UI mode: the session ends before the hosted page redirects back → expired; the late code is refused', async () => {
    const run = await h.start(LOCAL_VENDOR_HOSTED_ID)
    h.clock.advance(600_000)
    const expired = h.ok(h.engine.get(run.id))
    expect(expired.status).toBe('expired')
    expect(diagnosis(expired).summary).toContain('the sign-in on the hosted page')
    // The vendor agrees: its page refuses the expired session.
    const walked = await h.walkHosted(run, 'plain')
    expect(walked.redirect).toBeUndefined()
    expect(h.requests(run.id, 'token')).toHaveLength(0)
  })

  it('the vendor’s own session expiry at step 3 (the run allowed longer) → session.expired from the vendor’s answer', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID, { sessionSeconds: 900 })
    h.clock.advance(601_000)
    await h.login(run.id, 'plain')
    const done = await h.engine.settled(run.id)
    const d = diagnosis(done)
    expect(d.code).toBe('session.expired')
    expect(d.stepKind).toBe('authorize')
    expect(d.summary).toContain('Session expired')
    expect(cause(d, 'session.slow_login')).toMatchObject({ likelihood: 'confirmed' })
  })
})

describe('vendor flow: token confusion and the final-token check', () => {
  const h = new VendorEngineHarness()
  afterAll(() => h.close())

  it('step 3 with the session JWT as Bearer → vendor.token_confusion, confirmed by comparing with the run’s tokens', async () => {
    h.http.tamper('authorize', (req) => {
      const body = JSON.parse(req.body ?? '{}') as { token: string }
      return withHeaders(req, { authorization: `Bearer ${body.token}` })
    })
    const done = await h.completeApi(LOCAL_VENDOR_API_ID)
    const d = diagnosis(done)
    expect(d.code).toBe('vendor.token_confusion')
    expect(d.stepKind).toBe('authorize')
    expect(cause(d, 'confusion.session_jwt_as_bearer')?.likelihood).toBe('confirmed')
    const wrong = done.vendor?.routes.find((r) => r.step === 'authorize' && r.place === 'Authorization: Bearer')
    expect(wrong).toMatchObject({ token: 'session-jwt', rightPlace: false })
  })

  it('step 3 with the login token in the body → vendor.token_confusion (confusion.login_token_in_body)', async () => {
    h.http.tamper('authorize', (req) => withJson(req, (body) => (body.token = (req.headers?.authorization ?? '').slice(7))))
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe('vendor.token_confusion')
    expect(cause(d, 'confusion.login_token_in_body')?.likelihood).toBe('confirmed')
  })

  it.each([
    ['session JWT', 'confusion.session_jwt_as_bearer', (run: { session: string; login: string; refresh: string }) => run.session],
    ['login token', 'confusion.login_token_as_bearer', (run: { session: string; login: string; refresh: string }) => run.login],
    ['refresh token', 'confusion.refresh_as_bearer', (run: { session: string; login: string; refresh: string }) => run.refresh],
  ])('the final check with the %s as Bearer → 401 → vendor.token_confusion (%s)', async (_name, causeId, pick) => {
    // The run's raw tokens, read from its recorded answers, as a confused client would hold them.
    h.http.tamper('final-check', (req) => {
      const mine = h.exchanges.filter((ex) => ex.runId === h.exchanges.at(-1)?.runId)
      const answer = (step: string) => JSON.parse(mine.find((ex) => ex.step === step)?.response?.body ?? '{}') as Record<string, string>
      const tokens = { session: answer('initiate').token!, login: answer('login').accessToken!, refresh: answer('token').refresh_token! }
      return withHeaders(req, { authorization: `Bearer ${pick(tokens)}` })
    })
    const done = await h.completeApi(LOCAL_VENDOR_API_ID)
    expect(done.status).toBe('failed')
    const d = diagnosis(done)
    expect(d.code).toBe('vendor.token_confusion')
    expect(d.stepKind).toBe('final-check')
    expect(cause(d, causeId)?.likelihood).toBe('confirmed')
    expect(done.vendor?.finalCheck).toMatchObject({ ok: false, status: 401, diagnosisId: d.id })
    // The tokens were issued all the same: the lifecycle has them to try again.
    expect(done.tokens).toBeDefined()
  })

  it('the final check without x-client-key → 499 → http.missing_client_key', async () => {
    h.http.tamper('final-check', (req) => withHeaders(req, { 'x-client-key': undefined }))
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe('http.missing_client_key')
    expect(d.stepKind).toBe('final-check')
  })

  it('the final check with a malformed Bearer → 401 → api.unauthorized, the header format confirmed', async () => {
    h.http.tamper('final-check', (req) => withHeaders(req, { authorization: `Bearer  ${(req.headers?.authorization ?? '').slice(7)}` }))
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe('api.unauthorized')
    expect(cause(d, 'api.bearer_format')?.likelihood).toBe('confirmed')
  })

  it('the final check after the access token expired → 401 → api.unauthorized, expiry confirmed', async () => {
    h.http.tamper('final-check', (req) => {
      h.clock.advance(21_600_000)
      return req
    })
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe('api.unauthorized')
    expect(cause(d, 'api.token_expired')?.likelihood).toBe('confirmed')
  })

  it('an account that may not use the API → 403 → http.forbidden, the login’s verificationState as evidence', async () => {
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID, 'restricted'))
    expect(d.code).toBe('http.forbidden')
    expect(evidence(d, 'auth.account_state')['verificationState (login answer)']).toBe('REJECTED')
  })
})

describe('vendor flow: the code exchange (invalid_grant)', () => {
  const h = new VendorEngineHarness()
  afterAll(() => h.close())

  // The explainer names a diagnosis by the failure the evidence proves (main/diagnose/rules/refine.ts);
  // the server's own words stay in the summary.
  it('a code sent twice → code.reused, confirmed by the earlier exchange', async () => {
    h.http.tamper('token', async (req, send) => {
      await send(req)
      return req
    })
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe('code.reused')
    expect(d.summary).toContain('Authorization code has expired or already been used')
    expect(cause(d, 'code.reused')?.likelihood).toBe('confirmed')
  })

  it('a code older than 10 minutes → code.expired, from the code’s age', async () => {
    h.http.tamper('token', (req) => {
      h.clock.advance(601_000)
      return req
    })
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe('code.expired')
    expect(evidence(d, 'code.expired')['code age at exchange']).toBe('601 s')
  })

  it('a regenerated verifier → pkce.validation_failed, confirmed against step 1’s challenge', async () => {
    h.http.tamper('token', (req) => withJson(req, (body) => (body.code_verifier = 'a'.repeat(43))))
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe('pkce.validation_failed')
    expect(d.causes[0]?.likelihood).toBe('confirmed')
    expect(JSON.stringify(d.causes[0]?.evidence)).toContain('code_challenge')
  })

  it('a redirect URI at step 4 that differs from step 1 by a slash → redirect_uri.mismatch, confirmed', async () => {
    h.http.tamper('token', (req) => withJson(req, (body) => (body.redirect_uri = `${String(body.redirect_uri)}/`)))
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe('redirect_uri.mismatch')
    expect(evidence(d, d.causes[0]!.id)).toMatchObject({ 'redirect_uri at authorize': 'https://example.com/callback', 'redirect_uri at token': 'https://example.com/callback/' })
  })

  it.each([
    ['code', 'token.invalid_request'],
    ['code_verifier', 'token.invalid_request'],
    ['redirect_uri', 'token.invalid_request'],
  ])('a code exchange without %s → %s naming it', async (param, code) => {
    h.http.tamper('token', (req) => withJson(req, (body) => delete body[param]))
    const d = diagnosis(await h.completeApi(LOCAL_VENDOR_API_ID))
    expect(d.code).toBe(code)
    expect(evidence(d, 'token.missing_param')['parameter missing']).toBe(param)
  })

  it('an old (rotated) refresh token → refresh.rotated_token_replayed', async () => {
    const done = await h.completeApi(LOCAL_VENDOR_API_ID)
    const setId = done.tokens!.id
    expect((await h.tokens.refresh(setId)).ok).toBe(true)
    const replay = await h.tokens.replay(setId)
    expect(replay.ok && replay.value.diagnosis?.code).toBe('refresh.rotated_token_replayed')
  })

  it('Deny on the hosted page → authorize.access_denied', async () => {
    const run = await h.start(LOCAL_VENDOR_HOSTED_ID)
    await h.walkHosted(run, 'plain', 'deny')
    const d = diagnosis(await h.engine.settled(run.id))
    expect(d.code).toBe('authorize.access_denied')
  })
})
