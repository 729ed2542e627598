import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import type { HttpExchange } from '../../../main/http/exchange'
import { toHar } from '../../../main/http/har'

// har-validator is the HAR 1.2 JSON-schema validator (CommonJS).
const validate = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> }

const SECRET = 'client-secret-ZZZZ-9876'
const ok: HttpExchange = {
  id: '1',
  runId: 'r',
  step: 'token',
  startedAt: Date.UTC(2026, 10, 23, 12),
  durationMs: 42.4,
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:4000/token?x=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic Zm9vOmJhcg==' },
    body: `grant_type=authorization_code&code=abcdefghijklmnopqrst&client_secret=${SECRET}`,
  },
  response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: '{"access_token":"eyJhbGciOi.payload.sig-value-long","token_type":"Bearer"}', truncated: false },
}
const failed: HttpExchange = {
  id: '2',
  step: 'discovery',
  startedAt: Date.UTC(2026, 10, 23, 12, 1),
  durationMs: 3,
  request: { method: 'GET', url: 'http://127.0.0.1:1/.well-known/openid-configuration', headers: {} },
  error: { kind: 'refused', message: 'Connection refused' },
}

describe('HAR export', () => {
  it('passes the HAR 1.2 schema, including a request that got no answer', async () => {
    const har = toHar([ok, failed], [SECRET], { name: 'OAuth Flow Tester', version: '0.1.0' }, 'run r')
    await expect(validate.har(har)).resolves.toMatchObject({ log: { version: '1.2' } })
    expect(har.log.entries).toHaveLength(2)
    expect(har.log.entries[1]).toMatchObject({ _step: 'discovery', _error: 'Connection refused', response: { status: 0 } })
  })

  it('and the validator rejects a broken HAR', async () => {
    const har = toHar([ok], [], { name: 'x', version: '1' }) as unknown as { log: { entries: { request: { method?: string } }[] } }
    delete har.log.entries[0]!.request.method
    await expect(validate.har(har)).rejects.toThrow()
  })

  it('never carries a secret, and masks tokens and codes', () => {
    const text = JSON.stringify(toHar([ok], [SECRET], { name: 'x', version: '1' }))
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain('Zm9vOmJhcg==')
    expect(text).not.toContain('abcdefghijklmnopqrst')
    expect(text).not.toContain('eyJhbGciOi.payload.sig-value-long')
    expect(text).toContain('grant_type=authorization_code')
  })
})
