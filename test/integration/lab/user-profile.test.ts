import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScenarioRegistry } from '../../../main/lab/registry'
import { STANDARD_SCENARIOS } from '../../../main/lab/scenarios/standard'
import type { Scenario } from '../../../main/lab/scenario'
import { SANDBOX_CONFIDENTIAL_CLIENT, SANDBOX_PUBLIC_CLIENT } from '../../../main/sandbox/oidc/oidc-sandbox'
import { SandboxManager } from '../../../main/sandbox/sandbox-manager'
import { FakeClock } from '../../support/fake-clock'
import { LabHarness } from '../../support/lab-harness'
import { loginThroughSandbox } from '../../support/sandbox-login'

/**
 * The lab pointed at a server of the user's: here the embedded sandbox, entered as an ordinary
 * profile (an issuer typed by hand, nothing embedded), so the lab knows nothing the user's
 * profile would not tell it. The "browser" is the sandbox's real sign-in pages, walked over
 * HTTP to the lab's loopback listener, as the user's browser would.
 */
describe('scenario lab against a profile of the user’s', () => {
  // A test-only scenario whose "fault" is no fault at all: the server accepts it, which is how a
  // lenient server shows in the report.
  const lenient: Scenario = {
    id: 'correct-exchange',
    title: 'Correct exchange (a server must accept it)',
    fault: 'Nothing: the exchange is right, so the server accepts it.',
    group: 'standard',
    step: 'token',
    targets: ['profile'],
    needsLogin: true,
    expected: { code: 'token.invalid_grant', evidence: [] },
    serverShould: { refuse: 'refuse the exchange', ifAccepted: 'your server accepts this exchange' },
    async run(ctx) {
      const attempt = await ctx.client.begin()
      const code = await ctx.client.codeFor(attempt)
      const settled = await ctx.client.exchange(attempt, code)
      return settled.ok ? { kind: 'accepted', message: 'The server issued tokens.', exchangeId: settled.exchange.id } : { kind: 'diagnosis', diagnosis: settled.diagnosis }
    },
  }
  const h = new LabHarness({
    openBrowser: async (url) => {
      // The browser: signs in on the real pages and follows the redirect to the lab's listener.
      void loginThroughSandbox(url, { followFinal: true }).catch(() => undefined)
    },
    registry: new ScenarioRegistry([...STANDARD_SCENARIOS, lenient]),
  })
  let issuer = ''
  beforeAll(async () => {
    issuer = (await h.sandbox.acquire()).issuer
    h.addProfile({ id: 'my-server', name: 'My server', environment: 'custom', issuer, clientId: SANDBOX_PUBLIC_CLIENT, scopes: 'openid offline_access', testRequest: { url: `${issuer}/api/me` } })
  })
  afterAll(async () => {
    h.sandbox.release()
    await h.close()
  })

  it('checks that the server refuses every fault that applies, and skips the rest with the reason', async () => {
    const ids = STANDARD_SCENARIOS.map((s) => s.id)
    const report = await h.lab.run({ scenarioIds: ids, profileId: 'my-server' })
    if (!report.ok) throw new Error(report.error.message)
    expect(report.value.target).toMatchObject({ kind: 'profile', profileId: 'my-server', profileName: 'My server' })
    const status = Object.fromEntries(report.value.results.map((r) => [r.scenarioId, r.status]))
    expect(status).toEqual({
      'code-reused': 'pass',
      'pkce-wrong-verifier': 'pass',
      'pkce-verifier-regenerated': 'pass',
      'pkce-missing': 'pass',
      'pkce-challenge-not-base64url': 'pass',
      'state-tampered': 'pass',
      'redirect-uri-trailing-slash': 'pass',
      'redirect-uri-not-registered': 'pass',
      'session-expired': 'skipped',
      'refresh-token-replayed': 'pass',
      'access-denied': 'skipped',
      'client-auth-missing': 'skipped',
      'client-secret-wrong': 'skipped',
      'id-token-as-access-token': 'pass',
      'bearer-malformed': 'pass',
      'token-url-is-authorize': 'skipped',
      'token-endpoint-unreachable': 'skipped',
      'https-to-plain-http': 'skipped',
    })
    const byId = (id: string) => report.value.results.find((r) => r.scenarioId === id)!
    expect(byId('code-reused').verdict).toBe('Refused as it should (refuse the second exchange (invalid_grant)): Authorization code used twice.')
    expect(byId('client-auth-missing').verdict).toBe('Not applicable: This profile’s client is public: there is no client authentication to leave out.')
    expect(byId('session-expired').verdict).toBe('Runs against the embedded sandbox only.')
    // The browser was opened once per scenario that needs a sign-in; the rest probed without one.
    const signIns = STANDARD_SCENARIOS.filter((s) => s.needsLogin && s.targets.includes('profile')).length - 2
    expect(h.opened).toHaveLength(signIns)
    expect(h.opened.every((u) => u.startsWith(`${issuer}/auth?`) && /redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback/.test(u))).toBe(true)
  })

  it('runs the client scenarios against a confidential client of the user’s', async () => {
    h.addProfile({ id: 'my-confidential', name: 'My confidential client', environment: 'custom', issuer, clientId: SANDBOX_CONFIDENTIAL_CLIENT, clientAuth: 'client_secret_basic', scopes: 'openid' })
    const report = await h.lab.run({ scenarioIds: ['client-auth-missing'], profileId: 'my-confidential' })
    if (!report.ok) throw new Error(report.error.message)
    expect(report.value.results[0]).toMatchObject({ status: 'pass', actual: { code: 'token.invalid_client' } })
  })

  it('fails a scenario the server accepts, and says what that means for the server', async () => {
    const r = await h.run('correct-exchange', 'my-server')
    expect(r.status).toBe('fail')
    expect(r.actual.outcome).toBe('accepted')
    expect(r.verdict).toBe('FAIL: your server accepts this exchange. Expected token.invalid_grant; actual: The server issued tokens.')
  })

  it('ends with “no redirect” when the browser never comes back, on the lab’s timeout', async () => {
    const clock = new FakeClock()
    const sandbox = new SandboxManager(clock)
    const opened: string[] = []
    const quiet = new LabHarness({ clock, sandbox, openBrowser: async (url) => void opened.push(url), browserTimeoutSeconds: 60 })
    const { issuer: own } = await sandbox.acquire()
    quiet.addProfile({ id: 'silent', name: 'Silent browser', environment: 'custom', issuer: own, clientId: SANDBOX_PUBLIC_CLIENT, scopes: 'openid' })
    const running = quiet.lab.run({ scenarioIds: ['state-tampered'], profileId: 'silent' })
    await expect.poll(() => opened.length).toBe(1)
    clock.advance(61_000)
    const report = await running
    if (!report.ok) throw new Error(report.error.message)
    expect(report.value.results[0]).toMatchObject({ status: 'error', actual: { code: 'callback.no_redirect' } })
    expect(report.value.results[0]?.verdict).toContain('Could not reach the callback step: No redirect came back.')
    sandbox.release()
    await quiet.close()
  })
})
