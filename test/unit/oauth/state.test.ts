import { describe, expect, it } from 'vitest'
import { randomToken } from '../../../main/oauth/random'
import { createRun } from '../../../main/flows/run'
import { BUILT_IN_PROFILES } from '../../../main/profiles/builtin'

describe('state', () => {
  it('carries 256 random bits as 43 base64url characters', () => {
    const state = randomToken(32)
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(state, 'base64url')).toHaveLength(32)
  })

  it('is fresh for every run, and so is the verifier', () => {
    const profile = BUILT_IN_PROFILES[0]!
    const runs = Array.from({ length: 500 }, () => createRun(profile, 0, ['authorize']))
    expect(new Set(runs.map((r) => r.state)).size).toBe(500)
    expect(new Set(runs.map((r) => r.pkce.verifier)).size).toBe(500)
  })

  it('adds a nonce only when the scopes ask for an ID token', () => {
    const profile = BUILT_IN_PROFILES[0]!
    expect(createRun(profile, 0, ['authorize']).nonce).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(createRun({ ...profile, scopes: 'api.read' }, 0, ['authorize']).nonce).toBeUndefined()
  })
})
