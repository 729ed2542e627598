import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeliveryResultSchema } from '../../../shared/contract/calls'
import { ProfileSchema } from '../../../shared/domain/profile'
import { RunViewSchema } from '../../../shared/domain/run'
import { isFinishedStatus } from '../../../shared/domain/run-status'
import { deepLinkTarget, findDeepLink, isOurDeepLink } from '../../../main/capture/deep-link'
import { tidy } from '../../../main/capture/inbox'
import { maskRedirect } from '../../../main/capture/mask-redirect'
import { authNavigation, matchesRedirectUri } from '../../../main/capture/redirect-target'
import { FlowEngine } from '../../../main/flows/engine'
import { HttpClient } from '../../../main/http/client'
import type { HttpExchange } from '../../../main/http/exchange'
import { parseCallback } from '../../../main/oauth/callback'
import { SandboxManager } from '../../../main/sandbox/sandbox-manager'
import { closedPort } from '../../support/closed-port'
import { FakeClock } from '../../support/fake-clock'

/**
 * Whatever arrives by a way back (argv from the OS, a pasted string, a URL a browser was sent
 * to), the tester answers with a typed value and never throws. 10,000 cases each.
 */
const RUNS = 10_000
const SCHEME = 'dev.oauthflowtester'

const piece = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('%', '%E0%A4%A', '%00', '%zz', '+', '&', '=', '#', '?', '/', '//', ':', '\n', '\u0000', '\u202e', '..', '"', "'", '<', '>', '`', ' '),
)
const key = fc.oneof(fc.constantFrom('code', 'state', 'error', 'iss', 'error_description', 'error_uri', 'access_token', 'code'), piece)
const params = fc.array(fc.tuple(key, piece), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'))
const head = fc.oneof(
  fc.constantFrom(`${SCHEME}:/callback`, `${SCHEME}://callback/`, 'DEV.OAUTHFLOWTESTER:/x', 'http://127.0.0.1:53111/callback', 'http://127.0.0.1/callback', 'https://idp.example/cb', 'http://[::1/cb', 'javascript:alert(1)', 'file:///etc/passwd', ''),
  fc.webUrl(),
  piece,
)
/** Redirect-looking strings, hostile ones included. */
const callbackish = fc.oneof(
  fc.tuple(head, fc.constantFrom('?', '#', '?#', '', '??'), params, fc.constantFrom('', '#', '#a=b', '/')).map(([h, sep, p, tail]) => `${h}${sep}${p}${tail}`),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('x'.repeat(17_000), `?code=${'a'.repeat(20_000)}&state=s`),
)

describe('hostile input at every way back (fast-check, 10,000 cases each)', () => {
  it('callback URLs: the parser and the matchers always answer with a typed value', () => {
    fc.assert(
      fc.property(callbackish, fc.constantFrom(`${SCHEME}:/callback`, 'http://127.0.0.1:53111/callback', 'http://127.0.0.1/callback'), (url, redirectUri) => {
        const parsed = parseCallback(url)
        expect(['code', 'error', 'invalid']).toContain(parsed.kind)
        if (parsed.kind === 'invalid') expect(typeof parsed.reason).toBe('string')
        if (parsed.kind === 'code') expect(parsed.code.length).toBeGreaterThan(0)
        expect(typeof matchesRedirectUri(url, redirectUri)).toBe('boolean')
        expect(['capture', 'allow', 'deny']).toContain(authNavigation(url, redirectUri))
        expect(typeof maskRedirect(url)).toBe('string')
        const target = deepLinkTarget(url)
        expect(target === undefined || /^[a-z][a-z0-9+.-]*:\//.test(target)).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })

  it('argv arrays: findDeepLink returns one of our links or nothing', () => {
    const arg = fc.oneof(
      callbackish,
      fc.constantFrom('--', '-', '--no-sandbox', `--inspect=${SCHEME}:/callback`, `-${SCHEME}:/x`, '/opt/oft/oft', '.', `"${SCHEME}:/callback?code=a"`),
      callbackish.map((u) => `${SCHEME}:${u}`),
    )
    const argv = fc.array(fc.oneof({ weight: 8, arbitrary: arg }, { weight: 1, arbitrary: fc.anything() }), { maxLength: 12 })
    fc.assert(
      fc.property(argv, (list) => {
        const found = findDeepLink(list as unknown[])
        if (found === undefined) return
        expect(typeof found).toBe('string')
        expect(isOurDeepLink(found)).toBe(true)
        expect(found.startsWith('-')).toBe(false)
        // It is one of the arguments (trimmed, unquoted), never something made up.
        expect((list as unknown[]).some((a) => typeof a === 'string' && (a.trim() === found || a.trim().slice(1, -1) === found))).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })

  describe('pasted strings, deep links and loopback hits through the real inbox', () => {
    const clock = new FakeClock()
    const http = new HttpClient(clock)
    const tokenRequests: HttpExchange[] = []
    http.onExchange((ex) => {
      if (ex.step === 'token') tokenRequests.push(ex)
    })
    let state = ''
    let runId = ''
    const runIds: string[] = []
    const engine = new FlowEngine({
      clock,
      http,
      sandbox: new SandboxManager(clock),
      profile: async (id) =>
        id === 'p'
          ? ProfileSchema.parse({
              id: 'p',
              name: 'Property',
              environment: 'custom',
              clientId: 'c',
              endpoints: { authorize: `http://127.0.0.1:${port}/authorize`, token: `http://127.0.0.1:${port}/token` },
              capture: { method: 'paste', redirectUri: `${SCHEME}:/callback` },
            })
          : undefined,
      secrets: async () => ({}),
      openBrowser: async () => undefined,
      emit: () => undefined,
    })
    let port = 0

    /**
     * A fresh run once the last one has ended and seen a few more redirects (late ones and
     * duplicates), so acceptance happens again and again.
     */
    async function ensureRun(): Promise<void> {
      const current = runId ? engine.get(runId) : undefined
      if (current?.ok && (!isFinishedStatus(current.value.status) || (current.value.arrivals?.length ?? 0) < 4)) return
      const started = await engine.start('p')
      if (!started.ok) throw new Error(started.error.message)
      runId = started.value.id
      runIds.push(runId)
      state = new URL(started.value.authorizeUrl!).searchParams.get('state')!
    }

    beforeAll(async () => {
      port = await closedPort()
    })
    afterAll(() => engine.stopAll())

    it('always answers with a result the contract accepts, and no run exchanges twice', async () => {
      // Some cases carry the run's real state, so acceptance, duplicates and late arrivals all happen.
      const withState = fc.tuple(head, fc.constantFrom('?', '#'), params, fc.boolean()).map(
        ([h, sep, p, withCode]) => `${h}${sep}${withCode ? 'code=abc&' : ''}state={STATE}&${p}`,
      )
      const input = fc.record({
        url: fc.oneof({ weight: 6, arbitrary: callbackish }, { weight: 2, arbitrary: withState }, { weight: 1, arbitrary: fc.anything() }),
        method: fc.constantFrom('paste', 'deep-link', 'loopback', 'auth-window') as fc.Arbitrary<'paste' | 'deep-link' | 'loopback' | 'auth-window'>,
        withRun: fc.boolean(),
        tidyInput: fc.string({ maxLength: 40 }),
      })
      await fc.assert(
        fc.asyncProperty(input, async ({ url: raw, method, withRun, tidyInput }) => {
          expect(typeof tidy(tidyInput)).toBe('string')
          await ensureRun()
          const url = typeof raw === 'string' ? raw.replace('{STATE}', state) : raw
          const result = await engine.inbox.deliver({ url, method, ...(withRun && { runId }) })
          const checked = DeliveryResultSchema.safeParse(result)
          expect(checked.success).toBe(true)
          expect(['accepted', 'duplicate', 'rejected']).toContain(result.outcome)
          expect(result.message.length).toBeGreaterThan(0)
        }),
        { numRuns: RUNS },
      )
      await Promise.all(runIds.map((id) => engine.settled(id)))
      // Runs did take redirects, and none of them exchanged a code twice.
      expect(tokenRequests.length).toBeGreaterThan(0)
      for (const id of runIds) expect(tokenRequests.filter((ex) => ex.runId === id).length).toBeLessThanOrEqual(1)
      const views = engine.list()
      expect(views.some((v) => v.arrivals!.some((a) => a.outcome === 'duplicate'))).toBe(true)
      for (const view of views) {
        expect(RunViewSchema.safeParse(view).success).toBe(true)
        // Whatever arrived, a run view stays bounded.
        expect(view.arrivals!.length).toBeLessThanOrEqual(50)
      }
    }, 60_000)
  })
})
