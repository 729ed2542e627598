import { describe, expect, it } from 'vitest'
import { BUILT_IN_PROFILES } from '../../../main/profiles/builtin'
import { autoRefreshAt } from '../../../main/tokens/schedule'
import { MAX_EVENTS, MAX_GENERATIONS, addEvent, addGeneration, newest, type TokenSet } from '../../../main/tokens/token-set'
import { TokenStore } from '../../../main/tokens/token-store'

const profile = BUILT_IN_PROFILES[0]!

function set(id: string, profileId = 'p1'): TokenSet {
  return {
    id,
    key: { profileId, clientId: 'c', subject: 'alice', scopes: 'openid' },
    runId: 'r',
    profile,
    endpoints: {},
    createdAt: 0,
    tokens: [],
    events: [],
    diagnoses: [],
    exchanges: new Map(),
    autoRefresh: { enabled: false, leadSeconds: 60 },
    timers: new Map(),
    secrets: [],
    queue: Promise.resolve(),
  }
}

describe('token lineage', () => {
  it('keeps a bounded history however long a set keeps rotating, but never drops a current token', () => {
    const s = set('long')
    addGeneration(s, { accessToken: 'a1', refreshToken: 'r1', idToken: 'x.y.z' }, 0, 86_400)
    for (let g = 2; g <= 40; g++) {
      // The refresh token stops rotating at generation 5, so refresh-5 stays current throughout.
      addGeneration(s, { accessToken: `a${g}`, refreshToken: g <= 5 ? `r${g}` : 'r5' }, g * 1000, 86_400)
      addEvent(s, { kind: 'refreshed', at: g * 1000, ok: true, label: 'Refreshed', tokenIds: [] })
    }
    expect(Math.min(...s.tokens.filter((t) => t.status !== 'current').map((t) => t.generation))).toBe(40 - MAX_GENERATIONS + 1)
    expect(s.tokens.find((t) => t.id === 'refresh-5')?.status).toBe('current')
    expect(s.tokens.find((t) => t.id === 'id-1')?.status).toBe('current')
    expect(s.tokens.filter((t) => t.kind === 'access_token')).toHaveLength(MAX_GENERATIONS)
    expect(s.prunedTokens).toBe(30 + 4) // access 1–30 and the superseded refresh 1–4
    expect(s.events.length).toBeLessThanOrEqual(MAX_EVENTS)
  })


  it('supersedes the refresh token only when the server rotates it', () => {
    const s = set('s')
    addGeneration(s, { accessToken: 'a1', refreshToken: 'r1', expiresIn: 3600 }, 1000, 86_400)
    const same = addGeneration(s, { accessToken: 'a2', refreshToken: 'r1', expiresIn: 3600 }, 2000, 86_400)
    expect(same.rotated).toBe(false)
    expect(newest(s, 'refresh_token')).toMatchObject({ id: 'refresh-1', status: 'current' })
    expect(s.tokens.find((t) => t.id === 'access-1')).toMatchObject({ status: 'superseded', supersededBy: 'access-2', statusAt: 2000 })

    const rotated = addGeneration(s, { accessToken: 'a3', refreshToken: 'r3', refreshTokenExpiresIn: 100 }, 3000, 86_400)
    expect(rotated.rotated).toBe(true)
    expect(s.tokens.find((t) => t.id === 'refresh-1')).toMatchObject({ status: 'superseded', supersededBy: 'refresh-3' })
    expect(newest(s, 'refresh_token')).toMatchObject({ id: 'refresh-3', expiresAt: 3000 + 100_000 })

    const none = addGeneration(s, { accessToken: 'a4' }, 4000, 86_400)
    expect(none.rotated).toBe(false)
    expect(newest(s, 'refresh_token')?.status).toBe('current')
  })

  it('falls back to the profile’s refresh lifetime when the server names none', () => {
    const s = set('s')
    addGeneration(s, { accessToken: 'a1', refreshToken: 'r1' }, 0, 7 * 86_400)
    expect(newest(s, 'refresh_token')?.expiresAt).toBe(7 * 86_400_000)
  })
})

describe('the token store', () => {
  it('finds a set only by its full key, and lists a profile’s sets only', () => {
    const store = new TokenStore()
    store.add(set('a', 'p1'))
    store.add(set('b', 'p2'))
    expect(store.find({ profileId: 'p1', clientId: 'c', subject: 'alice', scopes: 'openid' })?.id).toBe('a')
    expect(store.find({ profileId: 'p1', clientId: 'c', subject: 'bob', scopes: 'openid' })).toBeUndefined()
    expect(store.find({ profileId: 'p3', clientId: 'c', subject: 'alice', scopes: 'openid' })).toBeUndefined()
    expect(store.forProfile('p2').map((s) => s.id)).toEqual(['b'])
  })
})

describe('automatic refresh time', () => {
  it('fires the lead time before expiry, but never sooner than half the token’s life', () => {
    const s = set('s')
    addGeneration(s, { accessToken: 'a1', refreshToken: 'r1', expiresIn: 3600 }, 0, 86_400)
    expect(autoRefreshAt(s, 0)).toBeUndefined()
    s.autoRefresh = { enabled: true, leadSeconds: 300 }
    expect(autoRefreshAt(s, 0)).toBe(3_300_000)
    s.autoRefresh.leadSeconds = 7200
    expect(autoRefreshAt(s, 0)).toBe(1_800_000)
  })
})
