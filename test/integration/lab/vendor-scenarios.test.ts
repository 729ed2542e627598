import { afterAll, describe, expect, it } from 'vitest'
import { maskToken } from '../../../shared/mask'
import type { LabResult } from '../../../shared/domain/lab'
import type { HttpExchange } from '../../../main/http/exchange'
import { challengeS256 } from '../../../main/oauth/pkce'
import { VENDOR_PATHS } from '../../../main/flows/vendor-requests'
import { EXAMPLE_HTTPS_REDIRECT } from '../../../main/sandbox/vendor/environments'
import { evidenceOf, LabHarness } from '../../support/lab-harness'

/**
 * Every vendor scenario, run by the real lab against a real vendor simulator over HTTP (the lab
 * starts its own): the top diagnosis and its first cause are the expected ones, and the
 * evidence values are those of the requests actually sent and the answers actually received
 * (the raw exchanges the lab's HTTP client recorded).
 */
describe('scenario lab against the vendor simulator', () => {
  const h = new LabHarness()
  afterAll(async () => {
    await h.close()
  })

  type Run = LabResult & { exchanges: HttpExchange[] }
  const at = (r: Run, path: string): HttpExchange[] => r.exchanges.filter((e) => new URL(e.request.url).pathname === path)
  const one = (r: Run, path: string): HttpExchange => {
    const found = at(r, path)
    expect(found, path).toHaveLength(1)
    return found[0] as HttpExchange
  }
  const query = (ex: HttpExchange): Record<string, string> => Object.fromEntries(new URL(ex.request.url).searchParams)
  const body = (ex: HttpExchange): Record<string, unknown> => JSON.parse(ex.request.body ?? '{}') as Record<string, unknown>
  const answer = (ex: HttpExchange): Record<string, unknown> => JSON.parse(ex.response?.body ?? '{}') as Record<string, unknown>
  const iso = (ms: number): string => new Date(ms).toISOString()

  it('vendor-wrong-client-key: the key sent, where it went, and the gateway’s 498', async () => {
    const r = await h.run('vendor-wrong-client-key')
    expect(r).toMatchObject({ status: 'pass', target: 'vendor-simulator', actual: { code: 'http.invalid_client_key', cause: 'client.key_typo' } })
    const initiate = one(r, VENDOR_PATHS.initiate)
    expect(initiate.request.headers['x-client-key']).toBe('sbx-intl-client-kez')
    expect(query(initiate).client_id).toBe('sbx-intl-client-kez')
    expect(evidenceOf(r)).toEqual({
      'x-client-key sent': initiate.request.headers['x-client-key'],
      'sent to': 'sandbox environment, international region (no x-us-env)',
      'vendor answered': 'HTTP 498: “Invalid client key”',
    })
    expect(initiate.response?.status).toBe(498)
  })

  it('vendor-missing-client-key: the headers step 4 carried, without x-client-key, and the 499', async () => {
    const r = await h.run('vendor-missing-client-key')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'http.missing_client_key', cause: 'client.key_header_missing' } })
    const token = one(r, VENDOR_PATHS.token)
    expect(token.request.headers['x-client-key']).toBeUndefined()
    expect(token.request.headers['x-secret-key']).toBeDefined()
    // Steps 1 to 3 carried the key and went through.
    for (const ex of r.exchanges.filter((e) => e !== token)) expect([ex.request.headers['x-client-key'], ex.response?.status]).toEqual(['sbx-intl-client-key', 200])
    expect(evidenceOf(r)).toEqual({ 'headers sent': Object.keys(token.request.headers).join(', '), 'vendor answered': 'HTTP 499: “Missing client key”' })
    expect(JSON.stringify(r.diagnosis)).not.toContain('sbx-intl-secret-key')
  })

  it('vendor-sandbox-key-in-production: the sandbox key, sent to the production-like host', async () => {
    const r = await h.run('vendor-sandbox-key-in-production')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'vendor.invalid_client', cause: 'client.wrong_environment' } })
    const initiate = one(r, VENDOR_PATHS.initiate)
    const ev = evidenceOf(r)
    expect(ev['x-client-key sent']).toBe('sbx-intl-client-key')
    expect(ev['x-client-key sent']).toBe(initiate.request.headers['x-client-key'])
    expect(ev['sent to']).toBe('production environment, international region (no x-us-env)')
    expect(ev['vendor answered']).toBe(`HTTP 401 invalid_client: “${answer(initiate).error_description as string}”`)
    expect(ev['vendor answered']).toContain('This is a sandbox key, sent to the production environment')
  })

  it('vendor-wrong-region-key: the US key sent without x-us-env', async () => {
    const r = await h.run('vendor-wrong-region-key')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'vendor.invalid_client', cause: 'client.wrong_region' } })
    const initiate = one(r, VENDOR_PATHS.initiate)
    expect(initiate.request.headers['x-us-env']).toBeUndefined()
    expect(evidenceOf(r)).toMatchObject({ 'x-client-key sent': 'sbx-us-client-key', 'sent to': 'sandbox environment, international region (no x-us-env)' })
    expect(evidenceOf(r)['vendor answered']).toMatch(/^HTTP 401 invalid_client: .*belongs to the US region/)
  })

  it('vendor-pkce-missing: the two parameters step 1 lacked', async () => {
    const r = await h.run('vendor-pkce-missing')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'authorize.invalid_request', cause: 'authorize.missing_param' } })
    const initiate = one(r, VENDOR_PATHS.initiate)
    expect(query(initiate).code_challenge).toBeUndefined()
    const missing = r.diagnosis?.causes[0]?.evidence.filter((e) => e.label === 'parameter missing').map((e) => e.value)
    expect(missing).toEqual(['code_challenge', 'code_challenge_method'])
    expect(evidenceOf(r)['vendor answered']).toBe('HTTP 400 invalid_request: “Missing required parameter: code_challenge”')
  })

  it('vendor-redirect-uri-trailing-slash: the redirect URI as step 1 sent it', async () => {
    const r = await h.run('vendor-redirect-uri-trailing-slash')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'vendor.redirect_uri_mismatch', cause: 'redirect_uri.trailing_slash' } })
    const sent = query(one(r, VENDOR_PATHS.initiate)).redirect_uri
    expect(sent).toBe(`${EXAMPLE_HTTPS_REDIRECT}/`)
    expect(evidenceOf(r)['redirect_uri sent']).toBe(sent)
    expect(evidenceOf(r)['vendor answered']).toContain('by a trailing slash')
  })

  it('vendor-redirect-uri-changed-at-token: step 1’s redirect URI against step 4’s', async () => {
    const r = await h.run('vendor-redirect-uri-changed-at-token')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'redirect_uri.mismatch', cause: 'redirect_uri.trailing_slash' } })
    const ev = evidenceOf(r)
    expect(ev['redirect_uri at authorize']).toBe(query(one(r, VENDOR_PATHS.initiate)).redirect_uri)
    expect(ev['redirect_uri at token']).toBe(body(one(r, VENDOR_PATHS.token)).redirect_uri)
    expect(ev['redirect_uri at token']).toBe(`${EXAMPLE_HTTPS_REDIRECT}/`)
    expect(ev.difference).toBe('trailing slash: `/callback` vs `/callback/` (the second ends in `/`, the first does not)')
  })

  it('vendor-code-reused: the first exchange of the same code, once', async () => {
    const r = await h.run('vendor-code-reused')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'code.reused', cause: 'code.reused' } })
    const [first, second] = at(r, VENDOR_PATHS.token)
    expect(body(second!).code).toBe(body(first!).code)
    const ev = evidenceOf(r)
    expect(ev.code).toBe(maskToken(body(first!).code as string))
    expect(ev['first exchanged at']).toBe(iso(first!.startedAt))
    expect(ev['first exchange']).toBe(`POST ${VENDOR_PATHS.token} → HTTP 200 (exchange ${first!.id})`)
    expect(ev['sent again at']).toBe(iso(second!.startedAt))
    const authorize = one(r, VENDOR_PATHS.authorize)
    expect(Date.parse(ev['sent again at']!) - authorize.startedAt).toBeGreaterThanOrEqual(0)
    // One cause per finding: the vendor's explainer does not repeat the standard rule's.
    expect(r.diagnosis?.causes.filter((c) => c.id === 'code.reused')).toHaveLength(1)
  })

  it('vendor-verifier-regenerated: step 1’s challenge against S256 of the verifier sent at step 4', async () => {
    const r = await h.run('vendor-verifier-regenerated')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'pkce.validation_failed', cause: 'pkce.mismatch.verifier_regenerated' } })
    const ev = evidenceOf(r)
    expect(ev['code_challenge sent at authorize']).toBe(query(one(r, VENDOR_PATHS.initiate)).code_challenge)
    expect(ev['S256 of the verifier stored at authorize']).toBe(ev['code_challenge sent at authorize'])
    expect(ev['S256 of the code_verifier sent']).toBe(challengeS256(body(one(r, VENDOR_PATHS.token)).code_verifier as string))
    expect(ev['S256 of the code_verifier sent']).not.toBe(ev['code_challenge sent at authorize'])
  })

  it('vendor-otp-skipped: the login that asked for a code, and step 3 without a login token', async () => {
    const r = await h.run('vendor-otp-skipped')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'vendor.otp_required', cause: 'otp.login_not_finished' } })
    const login = one(r, VENDOR_PATHS.login)
    expect(answer(login)).toMatchObject({ isOtpRequired: true, accessToken: null })
    expect(at(r, VENDOR_PATHS.otp)).toHaveLength(0)
    const authorize = one(r, VENDOR_PATHS.authorize)
    expect(authorize.request.headers.authorization).toBe('Bearer null')
    expect(evidenceOf(r)).toEqual({
      'login answer': 'HTTP 200 with isOtpRequired: true and no accessToken',
      'Authorization sent': `Bearer ${maskToken('null')}, none of this run’s tokens`,
      'vendor answered': `HTTP 401: “${answer(authorize).message as string}”`,
    })
    expect(r.diagnosis?.summary).toContain(iso(login.startedAt))
  })

  it('vendor-otp-not-sent: no code was sent by this run, and the vendor refused the one entered', async () => {
    const r = await h.run('vendor-otp-not-sent')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'vendor.otp_invalid', cause: 'otp.not_sent' } })
    const logins = at(r, VENDOR_PATHS.login)
    expect(logins.map((l) => body(l).otpCode)).toEqual([undefined, '123456'])
    expect(at(r, VENDOR_PATHS.otp)).toHaveLength(0)
    expect(evidenceOf(r)).toEqual({ 'codes sent by this run': String(at(r, VENDOR_PATHS.otp).length), 'vendor answered': 'HTTP 400: “Invalid OTP code”' })
    expect(JSON.stringify(r.diagnosis)).not.toContain('sandbox-password')
  })

  it('vendor-session-expired: step 1’s start and step 3’s time, 601 s apart on the lab’s clock, refused by the simulator', async () => {
    const r = await h.run('vendor-session-expired')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'session.expired', cause: 'session.slow_login' } })
    const initiate = one(r, VENDOR_PATHS.initiate)
    const authorize = one(r, VENDOR_PATHS.authorize)
    const ev = evidenceOf(r)
    expect(ev['session started (step 1)']).toBe(iso(initiate.startedAt))
    expect(ev['this request']).toBe(iso(authorize.startedAt))
    expect(authorize.startedAt - initiate.startedAt).toBe(601_000)
    expect(ev['vendor answered']).toBe(`HTTP 400 invalid_request: “${answer(authorize).error_description as string}”`)
    expect(ev['vendor answered']).toContain('Session expired')
    expect(at(r, VENDOR_PATHS.token)).toHaveLength(0)
  })

  it('vendor-session-jwt-as-access-token: the Bearer is step 1’s JWT, recognised by value', async () => {
    const r = await h.run('vendor-session-jwt-as-access-token')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'vendor.token_confusion', cause: 'confusion.session_jwt_as_bearer' } })
    const jwt = answer(one(r, VENDOR_PATHS.initiate)).token as string
    const api = r.exchanges.find((e) => e.step === 'api')!
    expect(api.request.headers.authorization).toBe(`Bearer ${jwt}`)
    expect(evidenceOf(r)).toEqual({
      'Authorization sent': `Bearer ${maskToken(jwt)} = Session JWT (step 1)`,
      'belongs here': 'Final access token (step 4)',
      'vendor answered': 'HTTP 401: “Not authenticated”',
    })
    expect(JSON.stringify(r.diagnosis)).not.toContain(jwt)
  })

  it('vendor-login-token-as-access-token: the Bearer is step 2’s login token', async () => {
    const r = await h.run('vendor-login-token-as-access-token')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'vendor.token_confusion', cause: 'confusion.login_token_as_bearer' } })
    const loginToken = answer(one(r, VENDOR_PATHS.login)).accessToken as string
    expect(r.exchanges.find((e) => e.step === 'api')?.request.headers.authorization).toBe(`Bearer ${loginToken}`)
    expect(evidenceOf(r)['Authorization sent']).toBe(`Bearer ${maskToken(loginToken)} = Login token (step 2)`)
    expect(evidenceOf(r)['belongs here']).toBe('Final access token (step 4)')
  })

  it('vendor-refresh-token-replayed: the replaced refresh token, what replaced it, and the vendor’s answer', async () => {
    const r = await h.run('vendor-refresh-token-replayed')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'refresh.rotated_token_replayed', cause: 'rotation.replayed' } })
    const [exchange, refresh, replay] = at(r, VENDOR_PATHS.token)
    const first = answer(exchange!).refresh_token as string
    expect(body(refresh!).refresh_token).toBe(first)
    expect(body(replay!).refresh_token).toBe(first)
    expect(answer(refresh!).refresh_token).not.toBe(first)
    const ev = evidenceOf(r)
    expect(ev['refresh token sent']).toBe('refresh token #1')
    expect(ev.superseded).toMatch(/^\d{4}-.*Z by refresh token #2$/)
    expect(ev['server answered']).toBe(`HTTP 400 invalid_grant: ${answer(replay!).error_description as string}`)
  })

  it('covers every vendor scenario in this file', () => {
    const tested = [
      'vendor-wrong-client-key',
      'vendor-missing-client-key',
      'vendor-sandbox-key-in-production',
      'vendor-wrong-region-key',
      'vendor-pkce-missing',
      'vendor-redirect-uri-trailing-slash',
      'vendor-redirect-uri-changed-at-token',
      'vendor-code-reused',
      'vendor-verifier-regenerated',
      'vendor-otp-skipped',
      'vendor-otp-not-sent',
      'vendor-session-expired',
      'vendor-session-jwt-as-access-token',
      'vendor-login-token-as-access-token',
      'vendor-refresh-token-replayed',
    ]
    expect(h.lab.list().filter((s) => s.group === 'vendor').map((s) => s.id).sort()).toEqual([...tested].sort())
  })
})

describe('what the lab runs the vendor scenarios against', () => {
  const h = new LabHarness()
  afterAll(async () => {
    await h.close()
  })

  it('without a profile, each scenario against its own embedded server; the lab’s simulator stops after the run', async () => {
    const report = await h.lab.run({ scenarioIds: ['code-reused', 'vendor-code-reused'] })
    if (!report.ok) throw new Error(report.error.message)
    expect(report.value.target.profileName).toBe('Embedded sandbox and vendor simulator')
    expect(report.value.results.map((r) => [r.scenarioId, r.target, r.status])).toEqual([
      ['code-reused', 'embedded-sandbox', 'pass'],
      ['vendor-code-reused', 'vendor-simulator', 'pass'],
    ])
    const vendorUrl = h.raw.get(report.value.results[1]!.exchangeIds[0]!)!.request.url
    await expect(fetch(vendorUrl)).rejects.toThrow()
    // The lab's exchanges open redacted: no password, no secret key.
    const shown = report.value.results[1]!.exchangeIds.map((id) => JSON.stringify(h.lab.exchange(id))).join('\n')
    expect(shown).toContain(VENDOR_PATHS.login)
    expect(shown).not.toContain('sandbox-password')
    expect(shown).not.toContain('sbx-intl-secret-key')
  })

  it('with a vendor profile of the simulator, in its region; standard scenarios are skipped', async () => {
    const report = await h.lab.run({ profileId: 'local-vendor-us', scenarioIds: ['vendor-missing-client-key', 'vendor-wrong-region-key', 'code-reused'] })
    if (!report.ok) throw new Error(report.error.message)
    expect(report.value.target).toMatchObject({ kind: 'vendor-simulator', profileId: 'local-vendor-us' })
    const [missing, region, standard] = report.value.results
    expect(missing?.status).toBe('pass')
    const initiate = h.raw.get(missing!.exchangeIds[0]!)!
    expect(initiate.request.headers).toMatchObject({ 'x-us-env': 'true', 'x-client-key': 'sbx-us-client-key' })
    expect(region).toMatchObject({ status: 'skipped', verdict: 'Not applicable: The profile is already in the US region.' })
    expect(standard).toMatchObject({ status: 'skipped', verdict: 'Runs against the embedded sandbox or a profile of your own only.' })
  })

  it('refuses a vendor profile of a real host, with the reason', async () => {
    h.addProfile({ id: 'real-vendor', name: 'Real vendor', environment: 'sandbox', flow: 'vendor-api', clientId: 'k', clientAuth: 'headers', apiBaseUrl: 'https://vendor.invalid' })
    const report = await h.lab.run({ profileId: 'real-vendor', scenarioIds: ['vendor-code-reused'] })
    expect(report).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    if (!report.ok) expect(report.error.message).toContain('embedded vendor simulator only')
  })
})
