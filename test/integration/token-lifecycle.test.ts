import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../shared/contract/result'
import type { TokenActionResult } from '../../shared/domain/token-lifecycle'
import { SANDBOX_CONFIDENTIAL_CLIENT, SANDBOX_CONFIDENTIAL_SECRET } from '../../main/sandbox/oidc/oidc-sandbox'
import { EngineHarness } from '../support/engine-harness'
import { FakeClock } from '../support/fake-clock'

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
const statusOf = (r: TokenActionResult, id: string) => r.tokenSet.tokens.find((t) => t.id === id)?.status

/**
 * The token lifecycle against the real embedded oidc-provider over HTTP: refresh with
 * rotation, a deliberate replay, revoke, introspect, userinfo and the protected test API.
 * Reusing a rotated refresh token revokes the whole grant there, so each destructive step
 * gets a run of its own.
 */
describe('token lifecycle against the embedded sandbox', () => {
  const h = new EngineHarness()
  beforeAll(async () => {
    await h.sandbox.acquire()
  })
  afterAll(async () => {
    h.sandbox.release()
    await h.close()
  })

  it('refresh rotates the refresh token; the old one is kept and marked superseded', async () => {
    const run = await h.completeRun()
    const id = run.tokens!.id
    const r = value(await h.tokens.refresh(id))
    expect(r.ok).toBe(true)
    expect(r.message).toContain('rotated')
    expect(statusOf(r, 'refresh-1')).toBe('superseded')
    expect(r.tokenSet.tokens.find((t) => t.id === 'refresh-1')?.supersededBy).toBe('refresh-2')
    expect(statusOf(r, 'refresh-2')).toBe('current')
    expect(statusOf(r, 'access-1')).toBe('superseded')
    expect(statusOf(r, 'access-2')).toBe('current')
    expect(r.tokenSet.events.map((e) => [e.kind, e.ok, e.rotated ?? false])).toEqual([
      ['issued', true, false],
      ['refreshed', true, true],
    ])
    // The event opens the exchange behind it, redacted.
    const refreshed = r.tokenSet.events[1]!
    const ex = value(h.tokens.exchange(refreshed.exchangeId!))
    expect(ex.request.method).toBe('POST')
    expect(ex.response?.status).toBe(200)
    const raw = value(h.tokens.reveal(id, 'refresh-1')).value
    expect(JSON.stringify(ex)).not.toContain(raw)
    expect(ex.request.body).toMatch(/refresh_token=[^&]{6}%E2%80%A6[^&]{4}/)
    // The issued event links the code exchange.
    expect(value(h.tokens.exchange(r.tokenSet.events[0]!.exchangeId!)).request.body).toContain('grant_type=authorization_code')
  })

  it('replaying the superseded refresh token is diagnosed: already rotated, always use the newest', async () => {
    const run = await h.completeRun()
    const id = run.tokens!.id
    value(await h.tokens.refresh(id))
    const replay = value(await h.tokens.replay(id))
    expect(replay.ok).toBe(false)
    expect(replay.diagnosis?.code).toBe('refresh.rotated_token_replayed')
    expect(replay.diagnosis?.summary).toContain('always use the newest refresh token')
    expect(replay.diagnosis?.causes[0]).toMatchObject({ id: 'rotation.replayed', likelihood: 'confirmed' })
    expect(JSON.stringify(replay.diagnosis?.causes[0]?.evidence)).toContain('refresh token #1')
    expect(replay.tokenSet.events.at(-1)).toMatchObject({ kind: 'replayed', ok: false, tokenIds: ['refresh-1'] })

    // oidc-provider answers reuse by revoking the grant: the newest token dies too, and the
    // explanation points at the replay.
    const after = value(await h.tokens.refresh(id))
    expect(after.ok).toBe(false)
    expect(after.diagnosis?.code).toBe('refresh.invalid_grant')
    expect(after.diagnosis?.causes[0]).toMatchObject({ id: 'refresh.grant_revoked_after_reuse', likelihood: 'likely' })
  })

  it('revoke, then introspection says inactive; the test API succeeds before and fails after', async () => {
    const run = await h.completeRun()
    const id = run.tokens!.id
    const before = value(await h.tokens.callApi(id))
    expect(before.ok).toBe(true)
    expect(before.exchange?.response?.status).toBe(200)
    expect(before.exchange?.response?.body).toContain('"sub":"alice"')
    expect(before.exchange?.request.headers.authorization).toMatch(/^Bearer .{6}….{4}$/)
    expect(value(await h.tokens.userinfo(id)).exchange?.response?.body).toContain('alice@sandbox.test')
    expect(value(await h.tokens.introspect(id, 'access_token')).message).toContain('is active')

    const revoked = value(await h.tokens.revoke(id, 'refresh_token'))
    expect(revoked.ok).toBe(true)
    expect(statusOf(revoked, 'refresh-1')).toBe('revoked')
    expect(revoked.tokenSet.status).toBe('revoked')

    const inactive = value(await h.tokens.introspect(id, 'access_token'))
    expect(inactive.ok).toBe(true)
    expect(inactive.message).toContain('not active')
    expect(inactive.exchange?.response?.body).toBe('{"active":false}')
    expect(statusOf(inactive, 'access-1')).toBe('inactive')

    const after = value(await h.tokens.callApi(id))
    expect(after.ok).toBe(false)
    expect(after.exchange?.response?.status).toBe(401)
    // The sandbox says `invalid_token` (RFC 6750 §3.1); the set's record says why.
    expect(after.diagnosis?.code).toBe('api.invalid_token')
    expect(after.diagnosis?.causes[0]).toMatchObject({ id: 'api.token_revoked', likelihood: 'likely' })

    expect(after.tokenSet.events.map((e) => `${e.kind}:${e.ok}`)).toEqual([
      'issued:true',
      'used:true',
      'used:true',
      'used:true',
      'revoked:true',
      'used:true',
      'used:false',
    ])
  })

  it('explains a 401 when the ID token is sent to the API instead of the access token', async () => {
    const run = await h.completeRun()
    const r = value(await h.tokens.callApi(run.tokens!.id, 'id_token'))
    expect(r.ok).toBe(false)
    expect(r.diagnosis?.code).toBe('api.token_confusion')
    expect(r.diagnosis?.causes[0]).toMatchObject({ id: 'api.wrong_token_type', likelihood: 'confirmed' })
  })

  it('exports a confidential client’s refresh as curl with placeholders and no secret, and the refresh works', async () => {
    h.addProfile({ id: 'confidential', clientId: SANDBOX_CONFIDENTIAL_CLIENT, clientAuth: 'client_secret_basic' })
    h.secrets.set('confidential', { clientSecret: SANDBOX_CONFIDENTIAL_SECRET })
    const run = await h.completeRun('confidential')
    const id = run.tokens!.id
    const { curl, variables } = value(await h.tokens.curl(id, 'refresh'))
    expect(variables.sort()).toEqual(['CLIENT_SECRET', 'REFRESH_TOKEN'])
    expect(curl).toContain(`-u '${SANDBOX_CONFIDENTIAL_CLIENT}:'"$CLIENT_SECRET"`)
    expect(curl).toContain(`--data-urlencode 'refresh_token='"$REFRESH_TOKEN"`)
    expect(curl).not.toContain(SANDBOX_CONFIDENTIAL_SECRET)
    for (const t of value(h.tokens.view(id)).tokens) expect(curl).not.toContain(value(h.tokens.reveal(id, t.id)).value)
    const revoke = value(await h.tokens.curl(id, 'revoke-refresh'))
    expect(revoke.curl).toContain(`'token='"$REFRESH_TOKEN"`)
    const api = value(await h.tokens.curl(id, 'api'))
    expect(api.curl).toMatch(/-H 'authorization: Bearer '"\$ACCESS_TOKEN"/)

    const refreshed = value(await h.tokens.refresh(id))
    expect(refreshed.ok).toBe(true)
    expect(refreshed.exchange?.request.headers.authorization).toBe('Basic [redacted]')
  })

  it('offers a token set only to the profile it was issued for', async () => {
    h.addProfile({ id: 'twin', name: 'Twin of the local sandbox' })
    const run = await h.completeRun()
    const set = h.tokens.store.get(run.tokens!.id)!
    expect(h.tokens.store.find(set.key)?.id).toBe(set.id)
    expect(h.tokens.store.find({ ...set.key, profileId: 'twin' })).toBeUndefined()
    expect(h.tokens.list('twin')).toEqual([])
    expect(h.tokens.list('local-sandbox').map((s) => s.id)).toContain(set.id)
    expect(set.key).toMatchObject({ profileId: 'local-sandbox', subject: 'alice', clientId: 'oft-sandbox-public' })
  })
})

describe('token timers on the injected clock', () => {
  const clock = new FakeClock(Date.now())
  const h = new EngineHarness(clock)
  beforeAll(async () => {
    await h.sandbox.acquire()
  })
  afterAll(async () => {
    h.sandbox.release()
    await h.close()
  })

  it('refreshes automatically the chosen number of seconds before the access token expires', async () => {
    const run = await h.completeRun()
    const id = run.tokens!.id
    const expiresAt = run.tokens!.tokens.find((t) => t.kind === 'access_token')!.expiresAt!
    const view = value(h.tokens.setAutoRefresh(id, true, 300))
    expect(view.autoRefresh).toEqual({ enabled: true, leadSeconds: 300, nextAt: expiresAt - 300_000 })

    clock.advance(expiresAt - 300_000 - clock.now() - 1)
    await h.tokens.settled(id)
    expect(value(h.tokens.view(id)).events.map((e) => e.kind)).toEqual(['issued'])

    clock.advance(1)
    await h.tokens.settled(id)
    const after = value(h.tokens.view(id))
    expect(after.events.map((e) => [e.kind, e.ok])).toEqual([
      ['issued', true],
      ['refreshed', true],
    ])
    expect(after.events[1]?.detail).toContain('Automatic refresh')
    const access2 = after.tokens.find((t) => t.id === 'access-2')!
    expect(after.autoRefresh.nextAt).toBe(access2.expiresAt! - 300_000)
  })

  it('marks the access token expired on the timeline when its time comes', async () => {
    const run = await h.completeRun()
    const id = run.tokens!.id
    const expiresAt = run.tokens!.tokens.find((t) => t.kind === 'access_token')!.expiresAt!
    clock.advance(expiresAt - clock.now())
    const view = value(h.tokens.view(id))
    expect(view.events.map((e) => e.kind)).toEqual(['issued', 'expired'])
    expect(view.tokens.find((t) => t.id === 'access-1')?.status).toBe('expired')
    expect(view.status).toBe('active')
  })
})
