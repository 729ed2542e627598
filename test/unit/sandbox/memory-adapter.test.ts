import { describe, expect, it } from 'vitest'
import { memoryAdapterFactory } from '../../../main/sandbox/oidc/memory-adapter'

describe('the sandbox’s in-memory store', () => {
  it('finds what it keeps, by id, uid and grant, until it expires', async () => {
    let t = 1_000_000
    const adapter = memoryAdapterFactory(() => t)
    const codes = adapter('AuthorizationCode')
    const sessions = adapter('Session')
    await codes.upsert('c1', { grantId: 'g1', kind: 'AuthorizationCode' }, 60)
    await sessions.upsert('s1', { uid: 'u1', kind: 'Session' }, 3600)
    expect(await codes.find('c1')).toMatchObject({ grantId: 'g1' })
    expect(await sessions.findByUid('u1')).toMatchObject({ kind: 'Session' })
    t += 61_000
    expect(await codes.find('c1')).toBeUndefined()
    expect(await sessions.findByUid('u1')).toBeDefined()
    await sessions.upsert('s2', { grantId: 'g2' }, 3600)
    await adapter('AccessToken').upsert('a2', { grantId: 'g2' }, 3600)
    await adapter('AccessToken').revokeByGrantId('g2')
    expect(await sessions.find('s2')).toBeUndefined()
  })

  it('stays bounded however many flows run, sweeping expired artifacts first', async () => {
    let t = 0
    const adapter = memoryAdapterFactory(() => t)
    const tokens = adapter('AccessToken')
    for (let i = 0; i < 30_000; i++) {
      await tokens.upsert(`short-${i}`, { grantId: `g${i}` }, 1)
      t += 10
    }
    // Every short-lived token has expired by now; the sweeps dropped them.
    await tokens.upsert('live', { grantId: 'live' }, 3600)
    for (let i = 0; i < 499; i++) await tokens.upsert(`x-${i}`, {}, 3600)
    expect(await tokens.find('live')).toBeDefined()
    expect(await tokens.find('short-0')).toBeUndefined()
    for (let i = 0; i < 25_000; i++) await tokens.upsert(`long-${i}`, {}, 86_400)
    // Bounded: the oldest long-lived ones went to make room; the newest are there.
    expect(await tokens.find('long-0')).toBeUndefined()
    expect(await tokens.find('long-24999')).toBeDefined()
  })
})
