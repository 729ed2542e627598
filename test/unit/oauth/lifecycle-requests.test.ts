import { describe, expect, it } from 'vitest'
import { ProfileSchema } from '../../../shared/domain/profile'
import { isWellFormedBearer } from '../../../main/oauth/bearer'
import { introspectionRequest, readIntrospection } from '../../../main/oauth/introspect-request'
import { testApiRequest } from '../../../main/oauth/resource-request'
import { revokeRequest } from '../../../main/oauth/revoke-request'
import { credentialsFor } from '../../../main/tokens/credentials'
import { lifecycleEndpoints } from '../../../main/tokens/endpoints'
import type { TokenSet } from '../../../main/tokens/token-set'

const vendor = ProfileSchema.parse({
  id: 'vendor',
  name: 'Vendor sandbox',
  environment: 'sandbox',
  flow: 'vendor-hosted',
  apiBaseUrl: 'https://dev.api.example/',
  clientId: 'client-key-1',
  clientAuth: 'headers',
  clientHeaders: { 'x-client-key': 'client-key-1' },
  secretHeaders: ['x-secret-key'],
})

describe('revocation by flow kind', () => {
  it('sends RFC 7009 as a form with the token and its hint for standard servers', () => {
    const req = revokeRequest('standard', { endpoint: 'https://as/revoke', credentials: { method: 'none', clientId: 'c' }, token: 'rt', kind: 'refresh_token' })
    expect(req.method).toBe('POST')
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ token: 'rt', token_type_hint: 'refresh_token', client_id: 'c' })
  })

  it('sends the vendor’s DELETE with the access token as Bearer and x-client-key, never the secret key', () => {
    const creds = credentialsFor(vendor, { 'x-secret-key': 'sk-secret' })
    const req = revokeRequest('vendor-hosted', { endpoint: 'https://dev.api.example/v1/auth/oauth/revoke', credentials: creds, token: 'at-1', kind: 'access_token' })
    expect(req).toEqual({
      method: 'DELETE',
      url: 'https://dev.api.example/v1/auth/oauth/revoke',
      headers: { accept: 'application/json', 'x-client-key': 'client-key-1', authorization: 'Bearer at-1' },
    })
  })

  it('finds the vendor’s lifecycle endpoints under its API host', () => {
    const set = { profile: vendor, endpoints: {} } as unknown as TokenSet
    expect(lifecycleEndpoints(set)).toEqual({
      token: 'https://dev.api.example/v1/auth/oauth/token',
      revoke: 'https://dev.api.example/v1/auth/oauth/revoke',
      logout: 'https://dev.api.example/v1/auth/logout',
    })
  })
})

describe('introspection and calls with a token', () => {
  it('reads RFC 7662 answers and refuses ones without `active`', () => {
    const ex = (status: number, body: string) => ({ id: 'x', step: 'introspect', startedAt: 0, durationMs: 1, request: { method: 'POST', url: 'u', headers: {} }, response: { status, statusText: '', headers: {}, body, truncated: false } })
    expect(readIntrospection(ex(200, '{"active":false}'))).toEqual({ kind: 'answer', active: false, claims: { active: false } })
    expect(readIntrospection(ex(200, '{"sub":"x"}'))).toMatchObject({ kind: 'failed' })
    expect(readIntrospection(ex(401, '{"error":"invalid_client"}'))).toEqual({ kind: 'failed', reason: 'HTTP 401: `invalid_client`' })
    const req = introspectionRequest({ endpoint: 'https://as/introspect', credentials: { method: 'client_secret_post', clientId: 'c', secret: 's' } }, 'at', 'access_token')
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ token: 'at', token_type_hint: 'access_token', client_id: 'c', client_secret: 's' })
  })

  it('resolves a test request path against the issuer and sends a well-formed Bearer', () => {
    const req = testApiRequest({ method: 'GET', url: '/api/me', headers: {} }, 'abc.def-ghi', { base: 'http://127.0.0.1:4000' })
    expect(req.url).toBe('http://127.0.0.1:4000/api/me')
    expect(isWellFormedBearer(req.headers?.authorization)).toBe(true)
    expect(testApiRequest({ method: 'GET', url: 'https://api.example/me', headers: {} }, 't', { base: 'http://x' }).url).toBe('https://api.example/me')
    expect(isWellFormedBearer('Bearer  two-spaces')).toBe(false)
    expect(isWellFormedBearer('bearer lower')).toBe(false)
  })
})
