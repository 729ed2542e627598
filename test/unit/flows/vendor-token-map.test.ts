import { describe, expect, it } from 'vitest'
import type { HttpExchange } from '../../../main/http/exchange'
import { isRightPlace, issuedTokens, knownTokens, tokenRoutes } from '../../../main/flows/vendor-token-map'

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDA2MDB9.c2lnbmF0dXJlLXNpZ25hdHVyZQ'
let n = 0
function ex(step: string, method: string, path: string, req: { headers?: Record<string, string>; body?: unknown }, status: number, answer?: unknown): HttpExchange {
  return {
    id: `ex-${++n}`,
    step,
    startedAt: 1_700_000_000_000 + n,
    durationMs: 1,
    request: {
      method,
      url: `https://api.example${path}`,
      headers: { 'content-type': 'application/json', ...req.headers },
      ...(req.body !== undefined && { body: JSON.stringify(req.body) }),
    },
    response: { status, statusText: '', headers: { 'content-type': 'application/json' }, body: answer === undefined ? '' : JSON.stringify(answer), truncated: false },
  }
}

describe('the token map, read from the exchanges only', () => {
  const initiate = ex('initiate', 'GET', '/v1/auth/oauth/authorize/initiate?state=s', {}, 200, { token: JWT, url: 'https://hosted' })
  const failedLogin = ex('login', 'POST', '/v1/auth/login', { body: { email: 'a', password: 'p' } }, 400, { accessToken: 'never-issued-token' })
  const login = ex('login', 'POST', '/v1/auth/login', { body: { email: 'a', password: 'p' } }, 200, { accessToken: 'login-token-0000-1111' })
  const authorize = ex('authorize', 'POST', '/v1/auth/oauth/authorize', { headers: { authorization: `Bearer ${JWT}` }, body: { token: 'login-token-0000-1111' } }, 401, { message: 'Not authenticated' })
  const token = ex('token', 'POST', '/v1/auth/oauth/token', { body: { grant_type: 'authorization_code' } }, 200, { access_token: 'access_token_aaaa-bbbb', refresh_token: 'refresh_token_cccc-dddd', expires_in: 21600 })
  const api = ex('final-check', 'GET', '/v1/user/profile', { headers: { authorization: 'Bearer access_token_aaaa-bbbb' } }, 200, {})
  const stranger = ex('api', 'GET', '/v1/user/profile', { headers: { authorization: 'Bearer something-else-entirely' } }, 401, {})
  const all = [initiate, failedLogin, login, authorize, token, api, stranger]

  it('knows a token because a successful answer carried it, with its expiry', () => {
    const issued = issuedTokens(all)
    expect(issued.map((t) => [t.kind, t.exchange.id])).toEqual([
      ['session-jwt', initiate.id],
      ['login-token', login.id],
      ['access-token', token.id],
      ['refresh-token', token.id],
    ])
    expect(issued[0]?.expiresAt).toBe(1_700_000_600_000)
    expect(issued[2]?.expiresAt).toBe(token.startedAt + 21_600_000)
  })

  it('lists every use, right or wrong, and an unknown Bearer as unknown', () => {
    const routes = tokenRoutes(all, knownTokens(issuedTokens(all)))
    expect(routes.map((r) => [r.step, r.place, r.token, r.rightPlace])).toEqual([
      ['authorize', 'Authorization: Bearer', 'session-jwt', false],
      ['authorize', 'body · token', 'login-token', false],
      ['final-check', 'Authorization: Bearer', 'access-token', true],
      ['api', 'Authorization: Bearer', 'unknown', false],
    ])
    expect(routes[0]?.hint).toContain('Step 3 (authorize) request body')
    expect(routes.every((r) => r.masked.includes('…') || r.masked.startsWith('•'))).toBe(true)
  })

  it('knows where each token belongs', () => {
    expect(isRightPlace('session-jwt', 'body · token', '/v1/auth/oauth/authorize')).toBe(true)
    expect(isRightPlace('login-token', 'Authorization: Bearer', '/v1/auth/oauth/authorize')).toBe(true)
    expect(isRightPlace('access-token', 'Authorization: Bearer', '/v1/auth/oauth/revoke')).toBe(true)
    expect(isRightPlace('access-token', 'Authorization: Bearer', '/v1/auth/oauth/authorize')).toBe(false)
    expect(isRightPlace('refresh-token', 'body · refresh_token', '/v1/auth/oauth/token')).toBe(true)
    expect(isRightPlace('refresh-token', 'Authorization: Bearer', '/v1/user/profile')).toBe(false)
  })
})
