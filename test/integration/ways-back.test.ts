import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunOptions } from '../../shared/contract/calls'
import type { RunView } from '../../shared/domain/run'
import { LOCAL_SANDBOX_ID } from '../../main/profiles/builtin'
import { EngineHarness } from '../support/engine-harness'
import { FakeClock } from '../support/fake-clock'
import { loginThroughSandbox } from '../support/sandbox-login'

/**
 * Every way back against the real embedded oidc-provider over HTTP: loopback (query and
 * fragment), the deep link as the OS hands it, paste and the auth window; then what must
 * never be exchanged: duplicates, wrong / missing / unknown state, a wrong or missing `iss`,
 * a late redirect, and an `error=` redirect.
 */
describe('every way back', () => {
  const h = new EngineHarness(undefined, undefined, { authWindow: true })
  beforeAll(async () => {
    await h.sandbox.acquire()
  })
  afterAll(async () => {
    h.sandbox.release()
    await h.close()
  })
  // Each test leaves no run waiting, so "the only waiting run" never leaks between tests.
  afterEach(async () => {
    for (const run of h.engine.list()) if (run.status === 'awaiting-callback') h.engine.cancel(run.id)
  })

  async function start(options: RunOptions = {}): Promise<RunView> {
    const result = await h.engine.start(LOCAL_SANDBOX_ID, options)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.status).toBe('awaiting-callback')
    return result.value
  }
  const done = async (run: RunView): Promise<RunView> => (await h.engine.settled(run.id))!
  const notices = (): string[] => h.events.flatMap((e) => (e.type === 'notice' ? [e.message] : []))

  describe('loopback (RFC 8252 §7.3)', () => {
    it('listens on 127.0.0.1 before the browser opens, answers the tab, and only the callback path counts', async () => {
      const run = await start({ capture: 'loopback' })
      const redirectUri = run.redirectUri!
      expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
      // Listening already when the browser is sent off.
      expect(h.opened.at(-1)).toBe(run.authorizeUrl)
      expect((await fetch(redirectUri.replace('/callback', '/other?code=x&state=y'))).status).toBe(404)

      const { finalBody } = await loginThroughSandbox(run.authorizeUrl!, { followFinal: true })
      expect(finalBody).toContain('Redirect received')
      expect(finalBody).toContain('You can close this tab')
      const finished = await done(run)
      expect(finished.status).toBe('succeeded')
      expect(finished.capture?.method).toBe('loopback')
      expect(finished.arrivals).toEqual([expect.objectContaining({ method: 'loopback', outcome: 'accepted' })])
      expect(h.tokenRequests(run.id)).toHaveLength(1)
    })

    it('forwards a code returned in the fragment from the page to the app', async () => {
      const run = await start()
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      const query = new URL(redirect).search.slice(1)
      // What the browser does with `…/callback#code=…`: loads the page, which posts the fragment.
      const page = await (await fetch(run.redirectUri!)).text()
      expect(page).toContain("fetch(location.pathname, { method: 'POST'")
      const verdict = (await (await fetch(run.redirectUri!, { method: 'POST', body: query })).json()) as { outcome: string }
      expect(verdict.outcome).toBe('accepted')
      const finished = await done(run)
      expect(finished.status).toBe('succeeded')
      expect(finished.capture?.url).toMatch(/\/callback#code=/)
    })
  })

  describe('deep link (RFC 8252 §7.1)', () => {
    it('completes when the OS hands the link over in a second instance’s argv (Windows, Linux)', async () => {
      const run = await start({ capture: 'deep-link' })
      expect(run.redirectUri).toBe('dev.oauthflowtester:/callback')
      expect(new URL(run.authorizeUrl!).searchParams.get('redirect_uri')).toBe('dev.oauthflowtester:/callback')
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      expect(redirect).toMatch(/^dev\.oauthflowtester:\/callback\?code=/)

      // Exactly what a second instance receives: Chromium switches, then "--", then the link.
      const argv = ['C:\\Program Files\\OAuth Flow Tester\\oauth-flow-tester.exe', '--allow-file-access-from-files', '--original-process-start-time=1337', '--', redirect]
      const result = await h.engine.inbox.deliverArgv(argv)
      expect(result?.outcome).toBe('accepted')
      const finished = await done(run)
      expect(finished.status).toBe('succeeded')
      expect(finished.capture).toMatchObject({ method: 'deep-link' })
      expect(finished.capture?.url).toMatch(/^dev\.oauthflowtester:\/callback\?code=[^&]{6}…/)
    })

    it('takes the macOS open-url form, and the OS delivering it twice exchanges once', async () => {
      const run = await start({ capture: 'deep-link' })
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      const [first, second] = await Promise.all([
        h.engine.inbox.deliver({ url: redirect, method: 'deep-link' }),
        h.engine.inbox.deliver({ url: redirect, method: 'deep-link' }),
      ])
      expect([first.outcome, second.outcome].sort()).toEqual(['accepted', 'duplicate'])
      const finished = await done(run)
      expect(finished.status).toBe('succeeded')
      expect(h.tokenRequests(run.id)).toHaveLength(1)
      expect(finished.arrivals?.map((a) => a.outcome)).toEqual(['accepted', 'duplicate'])
    })
  })

  describe('paste', () => {
    it.each([
      ['the full address', (redirect: string) => redirect],
      ['just its query', (redirect: string) => new URL(redirect).search],
      ['just its query without "?"', (redirect: string) => new URL(redirect).search.slice(1)],
      ['the response in a fragment', (redirect: string) => `http://127.0.0.1/callback#${new URL(redirect).search.slice(1)}`],
    ])('completes with %s', async (_label, pasted) => {
      const run = await start({ capture: 'paste' })
      expect(run.redirectUri).toBe('http://127.0.0.1/callback')
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1\/callback\?code=/)
      const result = await h.engine.inbox.deliver({ url: pasted(redirect), method: 'paste', runId: run.id })
      expect(result.outcome).toBe('accepted')
      expect((await done(run)).status).toBe('succeeded')
    })
  })

  describe('in-app auth window', () => {
    it('opens the window instead of the browser and completes with what it catches', async () => {
      const opened = h.opened.length
      const run = await start({ capture: 'auth-window' })
      expect(h.opened).toHaveLength(opened)
      const request = h.authWindows.at(-1)!
      expect(request).toMatchObject({ runId: run.id, authorizeUrl: run.authorizeUrl, redirectUri: run.redirectUri })
      const { redirect } = await loginThroughSandbox(request.authorizeUrl)
      request.deliver(redirect)
      const finished = await done(run)
      expect(finished.status).toBe('succeeded')
      expect(finished.capture?.method).toBe('auth-window')
      // The window goes when the run ends.
      expect(request.closedByEngine).toBe(true)
    })

    it('explains that a host without the window cannot use it, before anything is sent', async () => {
      const web = new EngineHarness(undefined, h.sandbox)
      const result = await web.engine.start(LOCAL_SANDBOX_ID, { capture: 'auth-window' })
      if (!result.ok) throw new Error(result.error.message)
      expect(result.value.status).toBe('failed')
      expect(result.value.diagnoses[0]?.code).toBe('capture.unavailable')
      expect(web.opened).toHaveLength(0)
      expect(web.exchanges).toHaveLength(0)
    })
  })

  describe('exactly once', () => {
    it('loopback, a browser refresh, a paste and a deep link racing: one exchange, the rest shown as duplicates', async () => {
      const run = await start()
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      const asDeepLink = `dev.oauthflowtester:/callback${new URL(redirect).search}`
      const [pageA, pageB, pasted, linked] = await Promise.all([
        fetch(redirect).then((r) => r.text()),
        fetch(redirect).then((r) => r.text()),
        h.engine.inbox.deliver({ url: redirect, method: 'paste', runId: run.id }),
        h.engine.inbox.deliver({ url: asDeepLink, method: 'deep-link' }),
      ])
      const finished = await done(run)
      expect(finished.status).toBe('succeeded')
      expect(h.tokenRequests(run.id)).toHaveLength(1)
      expect(finished.arrivals?.filter((a) => a.outcome === 'accepted')).toHaveLength(1)
      expect(finished.arrivals?.filter((a) => a.outcome === 'duplicate')).toHaveLength(3)
      expect(finished.arrivals?.find((a) => a.outcome === 'duplicate')?.message).toMatch(/^Duplicate redirect via \S+ ignored: the same redirect already arrived via/)
      expect([pageA, pageB].filter((p) => p.includes('Already received'))).not.toHaveLength(0)
      expect([pasted.outcome, linked.outcome].every((o) => o === 'accepted' || o === 'duplicate')).toBe(true)
    })

    it('explains and ignores a redirect for a cancelled run', async () => {
      const run = await start({ capture: 'deep-link' })
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      h.engine.cancel(run.id)
      const result = await h.engine.inbox.deliver({ url: redirect, method: 'deep-link' })
      expect(result).toMatchObject({ outcome: 'rejected', diagnosis: { code: 'callback.run_finished' } })
      expect(result.message).toContain('cancelled')
      expect(notices()).toContain(result.message)
      expect(h.tokenRequests(run.id)).toHaveLength(0)
    })
  })

  describe('never for a stranger', () => {
    it('a wrong state on the run’s own listener: state_mismatch, run stopped, nothing sent', async () => {
      const run = await start()
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      const forged = new URL(redirect)
      forged.searchParams.set('state', 'forged-state-value')
      expect(await (await fetch(forged)).text()).toContain('Redirect not accepted')
      const finished = await done(run)
      expect(finished.diagnoses.map((d) => d.code)).toEqual(['callback.state_mismatch'])
      expect(h.tokenRequests(run.id)).toHaveLength(0)
    })

    it('a missing state: state_missing, nothing sent', async () => {
      const run = await start({ capture: 'paste' })
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      const stripped = new URL(redirect)
      stripped.searchParams.delete('state')
      const result = await h.engine.inbox.deliver({ url: stripped.toString(), method: 'paste', runId: run.id })
      expect(result.diagnosis?.code).toBe('callback.state_missing')
      expect((await done(run)).status).toBe('failed')
      expect(h.tokenRequests(run.id)).toHaveLength(0)
    })

    it('an unknown state by deep link: "not from a run of this app", shown, never exchanged', async () => {
      const run = await start({ capture: 'deep-link' })
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      const stranger = redirect.replace(/state=[^&]+/, 'state=someone-elses-state')
      const result = await h.engine.inbox.deliverArgv(['oft', '--', stranger])
      expect(result).toMatchObject({ outcome: 'rejected', diagnosis: { code: 'callback.state_unknown' } })
      expect(result?.message).toContain('Not from a run of this app')
      expect(result?.message).toContain('CSRF')
      expect(notices()).toContain(result?.message)
      // The run it did not belong to waits on, untouched.
      expect(h.engine.get(run.id)).toMatchObject({ ok: true, value: { status: 'awaiting-callback' } })
      expect(h.exchanges.filter((ex) => ex.step === 'token' && ex.request.body?.includes('someone'))).toHaveLength(0)
      expect(h.tokenRequests(run.id)).toHaveLength(0)
    })

    it('RFC 9207: an iss that is not this run’s issuer is refused', async () => {
      const run = await start({ capture: 'paste' })
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      const url = new URL(redirect)
      expect(url.searchParams.get('iss')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      url.searchParams.set('iss', 'https://attacker.example')
      const result = await h.engine.inbox.deliver({ url: url.toString(), method: 'paste', runId: run.id })
      expect(result.diagnosis?.code).toBe('callback.issuer_mismatch')
      expect(result.message).toContain('https://attacker.example')
      expect((await done(run)).status).toBe('failed')
      expect(h.tokenRequests(run.id)).toHaveLength(0)
    })

    it('RFC 9207: a missing iss is refused when the server says it always sends one', async () => {
      const run = await start({ capture: 'paste' })
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
      const url = new URL(redirect)
      url.searchParams.delete('iss')
      const result = await h.engine.inbox.deliver({ url: url.toString(), method: 'paste', runId: run.id })
      expect(result.diagnosis?.code).toBe('callback.issuer_missing')
      expect(h.tokenRequests(run.id)).toHaveLength(0)
    })

    it('access_denied ends the step at once with its diagnosis, and nothing is sent', async () => {
      const run = await start({ capture: 'deep-link' })
      const { redirect } = await loginThroughSandbox(run.authorizeUrl!, { deny: true })
      expect(redirect).toContain('error=access_denied')
      const result = await h.engine.inbox.deliverArgv(['oft', '--', redirect])
      expect(result?.diagnosis?.code).toBe('authorize.access_denied')
      const finished = await done(run)
      expect(finished.status).toBe('failed')
      expect(finished.steps.find((s) => s.kind === 'callback')?.detail).toBe('error=access_denied via deep-link')
      expect(finished.steps.find((s) => s.kind === 'token')?.status).toBe('pending')
      expect(h.tokenRequests(run.id)).toHaveLength(0)
    })
  })
})

describe('the authorization session, on a fake clock', () => {
  const clock = new FakeClock()
  const h = new EngineHarness(clock)
  afterAll(() => h.close())

  it('a run with a 5-second session expires, explains why, and a late redirect is refused', async () => {
    const started = await h.engine.start(LOCAL_SANDBOX_ID, { sessionSeconds: 5 })
    if (!started.ok) throw new Error(started.error.message)
    const run = started.value
    const session = run.deadlines.find((d) => d.kind === 'session')!
    expect(session.startsAt).toBe(clock.now())
    expect(session.expiresAt - session.startsAt).toBe(5000)

    const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
    clock.advance(4999)
    expect((await h.engine.settled(run.id))?.status).toBe('awaiting-callback')
    clock.advance(1)
    const expired = (await h.engine.settled(run.id))!
    expect(expired.status).toBe('expired')
    expect(expired.diagnoses.map((d) => d.code)).toEqual(['session.expired'])
    expect(expired.diagnoses[0]?.summary).toContain('5 s authorization session')
    expect(expired.diagnoses[0]?.restartFrom).toBe('authorize')

    const late = await h.engine.inbox.deliver({ url: redirect, method: 'paste' })
    expect(late).toMatchObject({ outcome: 'rejected', diagnosis: { code: 'callback.run_finished' } })
    expect(late.message).toContain('session expired')
    expect(h.tokenRequests(run.id)).toHaveLength(0)
    // The listener closed with the run.
    await new Promise((r) => setTimeout(r, 300))
    await expect(fetch(`${run.redirectUri}?code=x&state=y`)).rejects.toThrow()
  })

  it('Restart is a fresh run: new state, new verifier, its own session', async () => {
    const first = await h.engine.start(LOCAL_SANDBOX_ID, { sessionSeconds: 5 })
    if (!first.ok) throw new Error(first.error.message)
    clock.advance(5000)
    const again = await h.engine.start(LOCAL_SANDBOX_ID, { sessionSeconds: 60 })
    if (!again.ok) throw new Error(again.error.message)
    const params = (run: RunView) => new URL(run.authorizeUrl!).searchParams
    expect(params(again.value).get('state')).not.toBe(params(first.value).get('state'))
    expect(params(again.value).get('code_challenge')).not.toBe(params(first.value).get('code_challenge'))
    await loginThroughSandbox(again.value.authorizeUrl!, { followFinal: true })
    expect((await h.engine.settled(again.value.id))?.status).toBe('succeeded')
  })
})
