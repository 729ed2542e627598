import { describe, expect, it } from 'vitest'
import { codeAgeRule } from '../../../../main/diagnose/rules/code-age'
import { codeReuseRule } from '../../../../main/diagnose/rules/code-reuse'
import { sessionAgeCause, sessionAgeRule } from '../../../../main/diagnose/rules/session-age'
import { exchange, oauthError } from '../fixtures'

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
const grant = (code: string) => ({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1/callback', code_verifier: 'v'.repeat(43) })

describe('code reuse', () => {
  const first = exchange({ id: 'ex-first', body: grant('CODE-123456789012345'), startedAt: T0, status: 200, responseBody: '{"access_token":"a"}' })
  const second = exchange({ id: 'ex-second', body: grant('CODE-123456789012345'), startedAt: T0 + 1500 })

  it('says when the code was first sent, by which request, and how that went', () => {
    const c = codeReuseRule(oauthError('invalid_grant'), { step: 'token', now: T0 + 2000, exchange: second, earlier: [first] })
    expect(c).toMatchObject({ id: 'code.reused', likelihood: 'confirmed' })
    expect(c?.text).toContain('1.5 s earlier, and that exchange got tokens')
    expect(Object.fromEntries(c!.evidence.map((e) => [e.label, e.value]))).toEqual({
      code: 'CODE-1…2345',
      'first exchanged at': '2026-01-01T12:00:00.000Z',
      'first exchange': 'POST /token → HTTP 200 (exchange ex-first)',
      'sent again at': '2026-01-01T12:00:01.500Z',
    })
  })

  it('does not fire for another code, for the same exchange, or without history', () => {
    const other = exchange({ id: 'ex-other', body: grant('OTHER'), startedAt: T0 })
    expect(codeReuseRule(oauthError('invalid_grant'), { step: 'token', now: 0, exchange: second, earlier: [other] })).toBeUndefined()
    expect(codeReuseRule(oauthError('invalid_grant'), { step: 'token', now: 0, exchange: second, earlier: [second] })).toBeUndefined()
    expect(codeReuseRule(oauthError('invalid_grant'), { step: 'token', now: 0, exchange: second })).toBeUndefined()
  })
})

describe('code age', () => {
  const ev = (ageMs: number) => ({ step: 'token', now: 0, exchange: exchange({ body: grant('c'), startedAt: T0 + ageMs }), codeReceivedAt: T0, codeLifetimeSeconds: 60 })

  it('fires once the code is as old as its lifetime', () => {
    const c = codeAgeRule(oauthError('invalid_grant'), ev(61_000))
    expect(c).toMatchObject({ id: 'code.expired', likelihood: 'likely' })
    expect(c?.evidence.find((e) => e.label === 'code age at exchange')?.value).toBe('61 s')
  })

  it('does not fire for a young code or another error', () => {
    expect(codeAgeRule(oauthError('invalid_grant'), ev(59_000))).toBeUndefined()
    expect(codeAgeRule(oauthError('invalid_client', 401), ev(61_000))).toBeUndefined()
  })
})

describe('session age', () => {
  it('fires past the session length, with its start and age', () => {
    const c = sessionAgeCause({ startedAt: T0, seconds: 600 }, T0 + 601_000)
    expect(c?.id).toBe('session.slow_login')
    expect(c?.evidence.find((e) => e.label === 'session age')?.value).toBe('601 s')
    expect(c?.evidence.find((e) => e.label === 'session length')?.value).toBe('600 s')
  })

  it('does not fire inside the session or without one', () => {
    expect(sessionAgeCause({ startedAt: T0, seconds: 600 }, T0 + 599_000)).toBeUndefined()
    expect(sessionAgeRule(oauthError('invalid_request'), { step: 'token', now: 0, exchange: exchange({ startedAt: T0 }) })).toBeUndefined()
  })
})
