import { afterAll, describe, expect, it } from 'vitest'
import { LOCAL_VENDOR_API_ID, LOCAL_VENDOR_HOSTED_ID, LOCAL_VENDOR_PRODUCTION_ID, LOCAL_VENDOR_US_ID } from '../../../main/profiles/builtin'
import { VendorEngineHarness } from '../../support/vendor-engine'

/** The flow engine runs the vendor's four-step flow against the local simulator over real HTTP. */
describe('vendor flow, happy paths', () => {
  const h = new VendorEngineHarness()
  afterAll(() => h.close())

  it('hosted-UI mode: initiate, the vendor’s pages sign in and allow, the redirect comes back, exchange, final check', async () => {
    const run = await h.start(LOCAL_VENDOR_HOSTED_ID)
    expect(run.status).toBe('awaiting-callback')
    expect(run.steps.map((s) => s.kind)).toEqual(['initiate', 'authorize', 'callback', 'token', 'final-check'])
    expect(run.steps[0]).toMatchObject({ kind: 'initiate', status: 'done' })
    // The browser is sent to the hosted page initiate handed out, on the simulator's sandbox.
    const sim = await h.sim()
    expect(h.opened).toEqual([run.authorizeUrl])
    expect(run.authorizeUrl).toMatch(new RegExp(`^${sim.environments.sandbox.baseUrl}/hosted\\?session=`))
    expect(run.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)

    const walked = await h.walkHosted(run, 'plain')
    expect(walked.verdict).toContain('exchanging it for tokens')
    const done = await h.engine.settled(run.id)
    expect(done?.status).toBe('succeeded')
    expect(done?.steps.map((s) => [s.kind, s.status])).toEqual([
      ['initiate', 'done'],
      ['authorize', 'done'],
      ['callback', 'done'],
      ['token', 'done'],
      ['final-check', 'done'],
    ])
    expect(done?.capture?.method).toBe('loopback')
    expect(done?.vendor?.finalCheck).toMatchObject({ ok: true, status: 200, sent: 'access-token', request: 'GET /v1/user/profile' })

    // Step 4 as the vendor wants it: JSON body, both keys as headers, the verifier of step 1.
    const [token] = h.requests(run.id, 'token')
    expect(token?.request.headers['content-type']).toBe('application/json')
    expect(token?.request.headers['x-client-key']).toBe('sbx-intl-client-key')
    expect(token?.request.headers['x-secret-key']).toBe('sbx-intl-secret-key')
    expect(JSON.parse(token?.request.body ?? '{}')).toMatchObject({ grant_type: 'authorization_code', redirect_uri: run.redirectUri })
    // The tokens went to the lifecycle store, labelled by type.
    expect(done?.tokens?.tokens.map((t) => t.kind)).toEqual(['access_token', 'refresh_token'])
    expect(done?.vendor?.tokens.map((t) => t.kind)).toEqual(['session-jwt', 'access-token', 'refresh-token'])
  })

  it('hosted-UI mode with an OTP user: the hosted page asks for the code and the flow completes', async () => {
    const run = await h.start(LOCAL_VENDOR_HOSTED_ID)
    const walked = await h.walkHosted(run, 'otp')
    expect(walked.pages.some((p) => p.html.includes('action="/hosted/otp"'))).toBe(true)
    expect((await h.engine.settled(run.id))?.status).toBe('succeeded')
  })

  it('API mode: initiate, login, authorize with both tokens, exchange, final check — and which token went where', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    expect(run.status).toBe('awaiting-login')
    expect(run.vendor?.input).toMatchObject({ kind: 'login', canRemember: false })
    expect(run.steps.map((s) => s.kind)).toEqual(['initiate', 'login', 'otp', 'authorize', 'token', 'final-check'])
    expect(h.opened).not.toContain(run.authorizeUrl)

    const afterLogin = await h.login(run.id, 'plain')
    expect(afterLogin.vendor?.input).toBeUndefined()
    const done = await h.engine.settled(run.id)
    expect(done?.status).toBe('succeeded')
    expect(done?.steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'done', 'done', 'done'])

    // Every token, labelled with its type and the one place it belongs.
    const labels = Object.fromEntries(done!.vendor!.tokens.map((t) => [t.kind, t]))
    expect(Object.keys(labels)).toEqual(['session-jwt', 'login-token', 'access-token', 'refresh-token'])
    expect(labels['session-jwt']).toMatchObject({ format: 'jwt', belongsIn: expect.stringContaining('body, field “token”') })
    expect(labels['login-token']?.belongsIn).toContain('Authorization: Bearer')
    // Which token went where, read from the recorded requests: each in its right place.
    const routes = done!.vendor!.routes.map((r) => [r.request, r.place, r.token, r.rightPlace])
    expect(routes).toEqual([
      ['POST /v1/auth/oauth/authorize', 'Authorization: Bearer', 'login-token', true],
      ['POST /v1/auth/oauth/authorize', 'body · token', 'session-jwt', true],
      ['GET /v1/user/profile', 'Authorization: Bearer', 'access-token', true],
    ])
    expect(JSON.stringify(done)).not.toContain(h.requests(run.id, 'authorize')[0]!.request.headers.authorization!.slice(7))
    // The code came back as JSON; step 3's state was checked against ours.
    expect(done?.steps.find((s) => s.kind === 'authorize')?.detail).toContain('state matches')
  })

  it('the OTP path: send code, the resend timer, a wrong code is explained and the run waits, the right code completes', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    const asked = await h.login(run.id, 'otp')
    expect(asked.status).toBe('awaiting-otp')
    expect(asked.vendor?.input).toMatchObject({ kind: 'otp', phoneNumber: '+447*****123', sends: 0 })
    expect(asked.vendor?.input?.kind === 'otp' && asked.vendor.input.explanation?.code).toBe('vendor.otp_required')
    expect(asked.steps.find((s) => s.kind === 'login')?.status).toBe('done')

    const sent = h.ok(await h.engine.sendOtp(run.id))
    const input = sent.vendor?.input
    expect(input?.kind === 'otp' && input.sentAt).toBe(h.clock.now())
    expect(input?.kind === 'otp' && input.resendAt).toBe(h.clock.now() + 30_000)
    // Resend waits for its timer (on the injected clock).
    const early = await h.engine.sendOtp(run.id)
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Wait 30 s before sending another code.' } })
    h.clock.advance(30_000)
    h.ok(await h.engine.sendOtp(run.id))

    const wrong = h.ok(await h.engine.submitOtp(run.id, '000000' === (await h.otp()) ? '111111' : '000000'))
    expect(wrong.status).toBe('awaiting-otp')
    expect(wrong.vendor?.input?.kind === 'otp' && wrong.vendor.input.problem?.code).toBe('vendor.otp_invalid')

    h.ok(await h.engine.submitOtp(run.id, await h.otp()))
    const done = await h.engine.settled(run.id)
    expect(done?.status).toBe('succeeded')
    expect(done?.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done'])
    // The password and the code were sent, and are nowhere in what leaves main.
    const user = await h.user('otp')
    expect(JSON.stringify(done)).not.toContain(user.password)
    // Main no longer holds it either: not in the run, not in the token set it handed over.
    const held = (h.engine as unknown as { runs: Map<string, { secrets: string[]; vendor?: { login?: unknown } }> }).runs.get(run.id)
    expect(held?.vendor?.login).toBeUndefined()
    expect(held?.secrets).not.toContain(user.password)
    expect(h.tokens.store.get(done!.tokens!.id)?.secrets).not.toContain(user.password)
    expect(JSON.stringify(h.events)).not.toContain(user.password)
  })

  it('the US region sends x-us-env: true on every step and uses the US keys', async () => {
    const done = await h.completeApi(LOCAL_VENDOR_US_ID, 'plain', 'sandbox', 'us')
    expect(done.status).toBe('succeeded')
    const mine = h.exchanges.filter((ex) => ex.runId === done.id)
    expect(mine.map((ex) => ex.step)).toEqual(['initiate', 'login', 'authorize', 'token', 'final-check'])
    for (const ex of mine) {
      expect(ex.request.headers['x-us-env']).toBe('true')
      expect(ex.request.headers['x-client-key']).toBe('sbx-us-client-key')
    }
    expect(done.vendor?.tokens.find((t) => t.kind === 'access-token')?.masked).toMatch(/^US_/)
  })

  it('the production-like environment runs with its own keys and users', async () => {
    const done = await h.completeApi(LOCAL_VENDOR_PRODUCTION_ID, 'plain', 'production')
    expect(done.status).toBe('succeeded')
    expect(done.environment).toBe('production')
    expect(done.vendor?.apiBaseUrl).toBe((await h.sim()).environments.production.baseUrl)
    expect(h.requests(done.id, 'initiate')[0]?.request.headers['x-client-key']).toBe('prod-intl-client-key')
  })

  it('after the run the lifecycle refreshes on the vendor’s token endpoint (JSON, rotation) and calls the API', async () => {
    const done = await h.completeApi(LOCAL_VENDOR_API_ID)
    const setId = done.tokens!.id
    const refreshed = await h.tokens.refresh(setId)
    expect(refreshed.ok && refreshed.value.ok).toBe(true)
    const api = await h.tokens.callApi(setId)
    expect(api.ok && api.value.message).toContain('HTTP 200')
    // The refresh belongs to the token set's lineage; the finished run's evidence stays as it was.
    const set = h.tokens.view(setId)
    if (!set.ok) throw new Error(set.error.message)
    expect(set.value.tokens.filter((t) => t.kind === 'refresh_token').map((t) => t.status)).toEqual(['superseded', 'current'])
    expect(h.ok(h.engine.get(done.id)).vendor?.tokens.filter((t) => t.kind === 'refresh-token')).toHaveLength(1)
  })

  it('“remember in the vault” is kept only where a vault exists', async () => {
    const run = await h.start(LOCAL_VENDOR_API_ID)
    const user = await h.user('plain')
    h.ok(await h.engine.submitLogin(run.id, { email: user.email, password: user.password, remember: true }))
    const done = await h.engine.settled(run.id)
    expect(done?.notes.map((n) => n.text)).toContain('Not remembered: no vault is available here, so the email and password were used for this run only.')

    const withVault = new VendorEngineHarness({}, { vault: true })
    try {
      const other = await withVault.start(LOCAL_VENDOR_API_ID)
      expect(other.vendor?.input).toMatchObject({ kind: 'login', canRemember: true })
      const u = await withVault.user('plain')
      withVault.ok(await withVault.engine.submitLogin(other.id, { email: u.email, password: u.password, remember: true }))
      expect(withVault.remembered).toEqual([{ profileId: LOCAL_VENDOR_API_ID, email: u.email }])
    } finally {
      await withVault.close()
    }
  })
})
