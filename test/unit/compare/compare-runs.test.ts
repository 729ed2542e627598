import { describe, expect, it } from 'vitest'
import type { Comparison } from '../../../shared/domain/comparison'
import { compareRuns } from '../../../main/compare/compare-runs'
import { exchange, makeRecord } from '../../support/run-records'

const rowOf = (c: Comparison, label: string) => c.sections.flatMap((s) => s.rows).find((r) => r.label === label)
const compare = (a: ReturnType<typeof makeRecord>, b: ReturnType<typeof makeRecord>): Comparison => compareRuns({ record: a, source: 'live' }, { record: b, source: 'history' })

describe('comparing two runs', () => {
  it('finds nothing to tell apart in two runs that differ only by nature (ports, times, dates)', () => {
    const a = makeRecord({ port: 4000 })
    const b = makeRecord({ id: 'run-2', port: 5123, createdAt: Date.UTC(2026, 2, 5, 8) })
    const c = compare(a, b)
    expect(c.differences).toBe(0)
    expect(c.sections.map((s) => s.id)).toEqual(['configuration', 'steps', 'headers', 'tokens', 'scopes', 'outcome'])
    // The issuer's port differs: the row is equal, and says why the raw values differ.
    expect(rowOf(c, 'Issuer')).toMatchObject({ left: 'http://127.0.0.1:4000', right: 'http://127.0.0.1:5123', equal: true, natural: true })
    expect(rowOf(c, 'token: date')).toMatchObject({ equal: true, natural: true })
    expect(c.left).toMatchObject({ runId: 'run-1', source: 'live' })
    expect(c.right).toMatchObject({ runId: 'run-2', source: 'history' })
  })

  it('marks real differences: environment, client, status, the error, the diagnosis, a header value', () => {
    const a = makeRecord()
    const b = makeRecord({ id: 'run-2', environment: 'production', clientId: 'acme-prod', status: 'failed', diagnoses: [{ id: 'x', code: 'token.invalid_client', title: 'Client authentication failed', summary: 's', causes: [], fixes: [], at: 0 }] })
    b.exchanges[1]!.response!.headers['cache-control'] = 'no-cache'
    const c = compare(a, b)
    expect(rowOf(c, 'Environment')).toMatchObject({ left: 'sandbox', right: 'production', equal: false })
    expect(rowOf(c, 'Client id')).toMatchObject({ equal: false })
    expect(rowOf(c, 'Run status')).toMatchObject({ left: 'succeeded', right: 'failed', equal: false })
    expect(rowOf(c, 'HTTP token: response')).toMatchObject({ left: '200 OK', right: '401 Unauthorized (invalid_client)', equal: false })
    expect(rowOf(c, 'Error from token')).toMatchObject({ right: '401 invalid_client', equal: false })
    expect(rowOf(c, 'Diagnosis token.invalid_client')).toMatchObject({ right: 'Client authentication failed', equal: false })
    expect(rowOf(c, 'token: cache-control')).toMatchObject({ equal: false })
    expect(c.differences).toBe(c.sections.reduce((n, s) => n + s.differences, 0))
    expect(c.differences + c.equalRows).toBe(c.sections.flatMap((s) => s.rows).length)
  })

  it('compares token lifetimes, not expiry times, and claims that are new in every token by presence', () => {
    const token = (issuedAt: number, lifetime: number, claims: Record<string, unknown>) => ({
      kind: 'id_token' as const,
      format: 'jwt' as const,
      masked: 'eyJhbG…abcd',
      length: 500,
      issuedAt,
      expiresAt: issuedAt + lifetime * 1000,
      lifetimeSeconds: lifetime,
      header: { alg: 'RS256' },
      claims,
    })
    const a = makeRecord({ tokens: [token(1_000, 3600, { iss: 'http://127.0.0.1:4000', aud: 'acme', nonce: 'n1', iat: 1, exp: 3601 })] })
    const b = makeRecord({ tokens: [token(9_000_000, 3600, { iss: 'http://127.0.0.1:5000', aud: 'acme', nonce: 'n2', iat: 9000, exp: 12600 })] })
    let c = compare(a, b)
    expect(rowOf(c, 'ID token: lifetime')).toMatchObject({ left: '3600 s (1 h)', equal: true })
    expect(rowOf(c, 'ID token claim: nonce')).toMatchObject({ equal: true, natural: true })
    expect(rowOf(c, 'ID token claim: iss')).toMatchObject({ equal: true, natural: true })
    expect(rowOf(c, 'ID token claim: exp')).toBeUndefined()
    expect(c.differences).toBe(0)

    c = compare(a, makeRecord({ tokens: [token(1_000, 300, { iss: 'http://127.0.0.1:4000', aud: 'other', nonce: 'n1', iat: 1 })] }))
    expect(rowOf(c, 'ID token: lifetime')).toMatchObject({ left: '3600 s (1 h)', right: '300 s (5 min)', equal: false })
    expect(rowOf(c, 'ID token claim: aud')).toMatchObject({ equal: false })
  })

  it('reads the steps from the runs, whatever their kinds, and lines up exchanges per step', () => {
    const vendorSteps = (status: 'done' | 'failed') =>
      [
        { kind: 'initiate', title: 'Initiate', status: 'done', exchangeIds: [], diagnosisIds: [] },
        { kind: 'login', title: 'Log in', status, exchangeIds: [], diagnosisIds: [] },
      ] as unknown as ReturnType<typeof makeRecord>['run']['steps']
    const at = Date.UTC(2026, 0, 1)
    const a = makeRecord({ steps: vendorSteps('done'), exchanges: [exchange('i', 'initiate', 'http://127.0.0.1:1/init', 302, at, {}), exchange('l1', 'login', 'http://127.0.0.1:1/login', 200, at)] })
    const b = makeRecord({ steps: vendorSteps('failed'), exchanges: [exchange('i', 'initiate', 'http://127.0.0.1:2/init', 302, at), exchange('l1', 'login', 'http://127.0.0.1:2/login', 401, at), exchange('l2', 'login', 'http://127.0.0.1:2/login', 429, at)] })
    a.exchanges[0]!.response!.headers.location = 'http://127.0.0.1:1/hosted?session=abc&state=s1'
    b.exchanges[0]!.response!.headers.location = 'http://127.0.0.1:2/hosted?state=s2&session=xyz'
    const c = compare(a, b)
    expect(rowOf(c, 'Initiate: status')).toMatchObject({ equal: true })
    expect(rowOf(c, 'Log in: status')).toMatchObject({ left: 'done', right: 'failed', equal: false })
    expect(rowOf(c, 'initiate: location')).toMatchObject({ equal: true, natural: true })
    expect(rowOf(c, 'HTTP login 1: response')).toMatchObject({ equal: false })
    expect(rowOf(c, 'HTTP login 2: request')).toMatchObject({ right: 'GET http://127.0.0.1:2/login', equal: false })
    expect(rowOf(c, 'HTTP login 2: request')?.left).toBeUndefined()
    expect(rowOf(c, 'login 2: response headers')).toMatchObject({ right: '3 headers', equal: false })
  })

  it('reads `code` in a success as data, not an error: the vendor’s step 3 answers {url, code, state}', () => {
    const at = Date.UTC(2026, 0, 1)
    const authorize = (port: number, code: string, status = 200) => {
      const ex = exchange('a', 'authorize', `http://127.0.0.1:${port}/v1/auth/oauth/authorize`, status, at)
      ex.response!.body = status < 400 ? JSON.stringify({ url: 'https://example.com/callback?code=…', code, state: 's' }) : JSON.stringify({ code: 'SESSION_EXPIRED', message: 'Session expired' })
      return ex
    }
    let c = compare(makeRecord({ exchanges: [authorize(1, 'uCwy3c…GAHk')] }), makeRecord({ exchanges: [authorize(2, 'Y2X-sm…Yl0j')] }))
    expect(rowOf(c, 'HTTP authorize: response')).toMatchObject({ left: '200 OK', right: '200 OK', equal: true })
    expect(rowOf(c, 'Error from authorize')).toBeUndefined()
    expect(c.differences).toBe(0)
    // In a refusal, a `code` field is the error's name.
    c = compare(makeRecord({ exchanges: [authorize(1, 'x')] }), makeRecord({ exchanges: [authorize(2, 'x', 400)] }))
    expect(rowOf(c, 'Error from authorize')).toMatchObject({ right: '400 SESSION_EXPIRED', equal: false })
  })

  it('treats step times as differing by nature, unless one is many times slower by seconds', () => {
    const a = makeRecord()
    const b = makeRecord()
    b.run.steps[1]!.endedAt = b.run.steps[1]!.startedAt! + 9000
    const c = compare(a, b)
    expect(rowOf(c, 'Discover endpoints: time')).toMatchObject({ equal: true })
    expect(rowOf(c, 'Exchange the code for tokens: time')).toMatchObject({ left: '30 ms', right: '9.0 s', equal: false })
  })

  it('shows each scope’s fate on each side', () => {
    const a = makeRecord({ scope: 'openid profile' })
    const b = makeRecord({ scope: 'openid' })
    const c = compare(a, b)
    expect(rowOf(c, 'Scope profile')).toMatchObject({ left: 'requested, granted', right: 'requested, not granted', equal: false })
    expect(rowOf(c, 'Scope openid')).toMatchObject({ equal: true })
  })
})
