import { describe, expect, it } from 'vitest'
import type { HttpExchange } from '../../../main/http/exchange'
import { readTokenResponse } from '../../../main/oauth/token-response'

const exchange = (status: number, body: string, contentType = 'application/json'): HttpExchange => ({
  id: 'x',
  step: 'token',
  startedAt: 0,
  durationMs: 1,
  request: { method: 'POST', url: 'https://as/token', headers: {} },
  response: { status, statusText: '', headers: { 'content-type': contentType }, body, truncated: false },
})

describe('readTokenResponse', () => {
  it('reads a successful response', () => {
    const r = readTokenResponse(exchange(200, '{"access_token":"at","token_type":"Bearer","expires_in":"3600","refresh_token":"rt","scope":"openid"}'))
    expect(r).toEqual({
      kind: 'tokens',
      status: 200,
      tokens: { accessToken: 'at', tokenType: 'Bearer', expiresIn: 3600, refreshToken: 'rt', scope: 'openid' },
    })
  })

  it('reads an OAuth error', () => {
    expect(readTokenResponse(exchange(400, '{"error":"invalid_grant","error_description":"used"}'))).toEqual({
      kind: 'oauth-error',
      status: 400,
      error: 'invalid_grant',
      description: 'used',
    })
  })

  it('reads a gateway message', () => {
    expect(readTokenResponse(exchange(498, '{"message":"Invalid client key"}'))).toEqual({ kind: 'gateway-error', status: 498, message: 'Invalid client key' })
  })

  it('recognises HTML where JSON was expected', () => {
    const r = readTokenResponse(exchange(200, '<html><body>Sign in</body></html>', 'text/html'))
    expect(r).toMatchObject({ kind: 'not-json', status: 200, contentType: 'text/html' })
  })

  it.each([
    ['[]', 'not an object'],
    ['{"token_type":"Bearer"}', 'no `access_token`'],
    ['{"access_token":""}', 'no `access_token`'],
  ])('calls %j malformed', (body, reason) => {
    const r = readTokenResponse(exchange(200, body))
    expect(r.kind).toBe('malformed')
    expect(r.kind === 'malformed' && r.reason).toContain(reason)
  })

  it('reports a network failure', () => {
    const ex = exchange(0, '')
    delete ex.response
    ex.error = { kind: 'refused', message: 'Connection refused' }
    expect(readTokenResponse(ex)).toEqual({ kind: 'network', message: 'Connection refused', errorKind: 'refused' })
  })
})
