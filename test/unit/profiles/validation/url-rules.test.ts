import { describe, expect, it } from 'vitest'
import { draft, find, rules } from './helpers'

describe('server addresses', () => {
  it('refuses addresses that are not absolute http(s) URLs', () => {
    expect(find(draft({ issuer: 'idp.example.com' }), 'url.invalid', 'issuer')).toBeDefined()
    expect(find(draft({ endpoints: { token: 'ftp://x/token' } }), 'url.invalid', 'endpoints.token')).toBeDefined()
  })

  it('accepts a test request given as a path only when there is an issuer to resolve it against', () => {
    expect(find(draft({ issuer: 'https://idp.example.com', testRequest: { method: 'GET', url: '/api/me', headers: {} } }), 'url.invalid', 'testRequest.url')).toBeUndefined()
    expect(find(draft({ issuer: undefined, endpoints: { authorize: 'https://a.example/authorize', token: 'https://a.example/token' }, testRequest: { method: 'GET', url: '/api/me', headers: {} } }), 'url.invalid', 'testRequest.url')).toBeDefined()
  })

  it('refuses a user name or password inside an address', () => {
    expect(find(draft({ endpoints: { token: 'https://app:pw@idp.example.com/token' } }), 'url.credentials', 'endpoints.token')?.severity).toBe('error')
  })

  it('requires https everywhere in production, naming the field and the fix', () => {
    const p = draft({
      environment: 'production',
      issuer: 'http://idp.example.com',
      endpoints: { revoke: 'http://idp.example.com/revoke' },
      testRequest: { url: 'http://api.example.com/me' },
    })
    for (const field of ['issuer', 'endpoints.revoke', 'testRequest.url']) {
      const issue = find(p, 'url.production-https', field)
      expect(issue?.severity).toBe('error')
      expect(issue?.message).toContain('https://')
    }
    // Loopback is no exception in production.
    expect(find(draft({ environment: 'production', issuer: 'http://127.0.0.1:9000' }), 'url.production-https')).toBeDefined()
  })

  it('allows http for sandbox profiles, and for this machine only in custom ones', () => {
    expect(rules(draft({ issuer: 'http://idp.internal.example' }))).toEqual([])
    expect(find(draft({ environment: 'custom', issuer: 'http://idp.internal.example' }), 'url.http-remote', 'issuer')?.severity).toBe('error')
    expect(rules(draft({ environment: 'custom', issuer: 'http://127.0.0.1:9000' }))).toEqual([])
    expect(rules(draft({ environment: 'custom', issuer: 'http://[::1]:9000' }))).toEqual([])
  })

  it('warns when a production profile points at a host named like a test system', () => {
    expect(find(draft({ environment: 'production', issuer: 'https://sandbox.idp.example.com' }), 'url.sandbox-host-in-production')?.severity).toBe('warning')
    expect(find(draft({ environment: 'production', issuer: 'https://login-staging.example.com' }), 'url.sandbox-host-in-production')).toBeDefined()
    expect(find(draft({ environment: 'production', issuer: 'https://login.example.com' }), 'url.sandbox-host-in-production')).toBeUndefined()
  })

  it('wants the issuer itself: no query, no fragment, no discovery path', () => {
    expect(find(draft({ issuer: 'https://idp.example.com?tenant=1' }), 'issuer.query-fragment', 'issuer')).toBeDefined()
    expect(find(draft({ issuer: 'https://idp.example.com#x' }), 'issuer.query-fragment')).toBeDefined()
    expect(find(draft({ issuer: 'https://idp.example.com/.well-known/openid-configuration' }), 'issuer.well-known')?.message).toContain('/.well-known/')
  })
})
