import { describe, expect, it } from 'vitest'
import { createDispatcher, type Handlers } from '../../../main/contract-dispatch'
import { calls } from '../../../shared/contract/calls'
import { CALL_NAMES } from '../../../shared/contract/names'
import { ok } from '../../../shared/contract/result'

const appInfo = { name: 'OAuth Flow Tester', version: '1', host: 'web' as const, platform: 'linux', versions: {} }

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notUsed = async () => {
    throw new Error('not used')
  }
  // Every call not under test throws; new calls need no edit here.
  const all = Object.fromEntries(CALL_NAMES.map((name) => [name, notUsed])) as unknown as Handlers
  return {
    ...all,
    getAppInfo: async () => ok(appInfo),
    listRuns: async () => ok([]),
    ...overrides,
  }
}

describe('the contract boundary', () => {
  it('names exactly the calls that have schemas', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(calls).sort())
  })

  it('refuses calls the contract does not name', async () => {
    const r = await createDispatcher(handlers())('readFile', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
  })

  it('refuses input that breaks the schema, saying where', async () => {
    const r = await createDispatcher(handlers())('startFlow', { profileId: 42 })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(!r.ok && r.error.message).toContain('profileId')
    const extra = await createDispatcher(handlers())('getAppInfo', { sneaky: true })
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('strips fields the output schema does not name, so nothing extra leaves main', async () => {
    const leaky = handlers({ getAppInfo: async () => ok({ ...appInfo, clientSecret: 'hunter2' } as typeof appInfo) })
    const r = await createDispatcher(leaky)('getAppInfo', {})
    expect(r.ok).toBe(true)
    expect(JSON.stringify(r)).not.toContain('hunter2')
  })

  it('turns a handler that throws into an internal error value, without a stack', async () => {
    const r = await createDispatcher(handlers({ listRuns: async () => { throw new TypeError('boom') } }))('listRuns', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', report: 'TypeError: boom' } })
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/)
  })

  it('refuses an answer that breaks the output schema', async () => {
    const bad = handlers({ getAppInfo: async () => ok({ name: 1 } as unknown as typeof appInfo) })
    expect(await createDispatcher(bad)('getAppInfo', {})).toMatchObject({ ok: false, error: { code: 'internal' } })
  })
})
