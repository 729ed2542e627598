import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunView } from '../../shared/domain/run'
import { LOCAL_SANDBOX_ID } from '../../main/profiles/builtin'
import { EngineHarness } from '../support/engine-harness'
import { loginThroughSandbox } from '../support/sandbox-login'
import { closedPort } from '../support/closed-port'

/** The first flow, end to end, against the real embedded oidc-provider over HTTP on 127.0.0.1. */
describe('authorization code + PKCE against the embedded sandbox', () => {
  const h = new EngineHarness()
  beforeAll(async () => {
    await h.sandbox.acquire()
  })
  afterAll(async () => {
    h.sandbox.release()
    await h.close()
  })

  async function start(profileId = LOCAL_SANDBOX_ID): Promise<RunView> {
    const result = await h.engine.start(profileId)
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.status).toBe('awaiting-callback')
    return result.value
  }

  it('completes over loopback and shows masked tokens with their expiry', async () => {
    const run = await start()
    expect(h.opened.at(-1)).toBe(run.authorizeUrl)
    const authorize = new URL(run.authorizeUrl!)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(run.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)

    const { finalBody } = await loginThroughSandbox(run.authorizeUrl!, { followFinal: true })
    expect(finalBody).toContain('Redirect received')
    const done = await h.engine.settled(run.id)

    expect(done?.status).toBe('succeeded')
    expect(done?.steps.map((s) => [s.kind, s.status])).toEqual([
      ['discovery', 'done'],
      ['authorize', 'done'],
      ['callback', 'done'],
      ['token', 'done'],
    ])
    expect(done?.capture).toMatchObject({ method: 'loopback' })
    // The redirect is shown with its code masked.
    expect(done?.capture?.url).toMatch(/[?&]code=[^&]{6}…[^&]{4}&/)
    const kinds = done?.tokens?.tokens.map((t) => t.kind)
    expect(kinds).toEqual(['access_token', 'refresh_token', 'id_token'])
    const access = done!.tokens!.tokens[0]!
    expect(access.masked).toContain('…')
    expect(access.expiresAt! - access.issuedAt).toBe(3600 * 1000)
    expect(done?.deadlines.map((d) => d.kind)).toEqual(expect.arrayContaining(['session', 'code', 'access-token', 'refresh-token']))
    expect(h.tokenRequests(run.id)).toHaveLength(1)
    const sent = new URLSearchParams(h.tokenRequests(run.id)[0]!.request.body)
    expect(sent.get('grant_type')).toBe('authorization_code')
    expect(sent.get('redirect_uri')).toBe(run.redirectUri)
    expect(sent.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('closes the loopback listener when the run ends', async () => {
    const run = await start()
    await loginThroughSandbox(run.authorizeUrl!, { followFinal: true })
    await h.engine.settled(run.id)
    await new Promise((r) => setTimeout(r, 300))
    await expect(fetch(`${run.redirectUri}?code=x&state=y`)).rejects.toThrow()
  })

  it('rejects a redirect with a wrong state and sends no token request', async () => {
    const run = await start()
    const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
    const tampered = new URL(redirect)
    tampered.searchParams.set('state', 'forged-state-value')
    const page = await (await fetch(tampered)).text()
    expect(page).toContain('Redirect not accepted')
    const done = await h.engine.settled(run.id)
    expect(done?.status).toBe('failed')
    expect(done?.diagnoses[0]?.code).toBe('callback.state_mismatch')
    expect(done?.diagnoses[0]?.summary).toContain('forged-s')
    expect(h.tokenRequests(run.id)).toHaveLength(0)
  })

  it('rejects a redirect without state and sends no token request', async () => {
    const run = await start()
    const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
    const stripped = new URL(redirect)
    stripped.searchParams.delete('state')
    const result = await h.engine.deliver({ url: stripped.toString(), method: 'paste', runId: run.id })
    expect(result.outcome).toBe('rejected')
    expect(result.message).toContain('no `state`')
    expect(result.diagnosis?.code).toBe('callback.state_missing')
    expect(h.tokenRequests(run.id)).toHaveLength(0)
  })

  it('completes when the redirect is pasted, and exchanges a duplicate only once', async () => {
    const run = await start()
    const { redirect } = await loginThroughSandbox(run.authorizeUrl!)
    const first = await h.engine.deliver({ url: redirect, method: 'paste' })
    expect(first.outcome).toBe('accepted')
    const second = await h.engine.deliver({ url: redirect, method: 'paste' })
    expect(second.outcome).toBe('duplicate')
    const done = await h.engine.settled(run.id)
    expect(done?.status).toBe('succeeded')
    expect(done?.capture?.method).toBe('paste')
    expect(h.tokenRequests(run.id)).toHaveLength(1)
  })

  it('explains access_denied from the consent page', async () => {
    const run = await start()
    const { redirect } = await loginThroughSandbox(run.authorizeUrl!, { deny: true })
    const result = await h.engine.deliver({ url: redirect, method: 'paste' })
    expect(result.diagnosis?.code).toBe('authorize.access_denied')
    const done = await h.engine.settled(run.id)
    expect(done?.status).toBe('failed')
    expect(h.tokenRequests(run.id)).toHaveLength(0)
  })

  it('refuses a state that belongs to no run', async () => {
    const result = await h.engine.deliver({ url: 'http://127.0.0.1:1/callback?code=abc&state=unknown-state', method: 'paste' })
    expect(result.outcome).toBe('rejected')
    expect(result.diagnosis?.code).toBe('callback.state_unknown')
  })

  it('fails with a diagnosis, not a crash, when the token endpoint is unreachable', async () => {
    const port = await closedPort()
    const profile = h.addProfile({
      id: 'broken-token',
      embedded: undefined,
      issuer: undefined,
      endpoints: { authorize: `http://127.0.0.1:${port}/authorize`, token: `http://127.0.0.1:${port}/token` },
    })
    const result = await h.engine.start(profile.id)
    if (!result.ok) throw new Error(result.error.message)
    const run = result.value
    expect(run.steps.find((s) => s.kind === 'discovery')?.status).toBe('skipped')
    await h.engine.deliver({ url: `${run.redirectUri}?code=abc&state=${new URL(run.authorizeUrl!).searchParams.get('state')}`, method: 'paste' })
    const done = await h.engine.settled(run.id)
    expect(done?.status).toBe('failed')
    expect(done?.diagnoses[0]?.code).toBe('network.refused')
  })
})
