import { describe, expect, it } from 'vitest'
import { refreshCauses } from '../../../../main/diagnose/rules/refresh'
import { exchange } from '../fixtures'

const said = { label: 'server answered', value: 'HTTP 400 invalid_grant' }
const T0 = Date.UTC(2026, 0, 1)

describe('refresh token rules', () => {
  it('names a superseded token, when and by which it was replaced', () => {
    const r = refreshCauses({ label: 'refresh token #1', status: 'superseded', statusAt: T0, supersededBy: 'refresh token #2' }, { now: T0 + 1000, said })
    expect(r.code).toBe('refresh.rotated_token_replayed')
    expect(r.causes[0]?.evidence).toEqual([
      { label: 'refresh token sent', value: 'refresh token #1' },
      { label: 'superseded', value: '2026-01-01T00:00:00.000Z by refresh token #2' },
      said,
    ])
  })

  it('names an expired token by its expiry, even when the lineage still called it current', () => {
    expect(refreshCauses({ label: 'refresh token #3', status: 'current', expiresAt: T0 }, { now: T0 + 1, said }).code).toBe('refresh.expired')
  })

  it('confirms a wrong grant_type', () => {
    const ex = exchange({ body: { grant_type: 'authorization_code', refresh_token: 'r' } })
    const r = refreshCauses({ label: 'refresh token #1', status: 'current' }, { now: T0, said, exchange: ex })
    expect(r.causes[0]).toMatchObject({ id: 'refresh.grant_type', likelihood: 'confirmed' })
  })

  it('finds nothing for a current, unexpired token refreshed correctly', () => {
    const ex = exchange({ body: { grant_type: 'refresh_token', refresh_token: 'r' } })
    expect(refreshCauses({ label: 'refresh token #1', status: 'current', expiresAt: T0 + 10_000 }, { now: T0, said, exchange: ex })).toEqual({ code: 'refresh.invalid_grant', causes: [] })
  })
})
