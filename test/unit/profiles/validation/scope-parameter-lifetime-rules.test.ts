import { describe, expect, it } from 'vitest'
import { draft, find, rules } from './helpers'

describe('scopes', () => {
  it('wants spaces between scopes', () => {
    expect(find(draft({ scopes: 'openid,profile' }), 'scope.separator', 'scopes')?.message).toContain('openid profile')
  })
  it('refuses characters a scope cannot have', () => {
    expect(find(draft({ scopes: 'openid "profile"' }), 'scope.characters')?.severity).toBe('error')
    expect(find(draft({ scopes: 'openid prófile' }), 'scope.characters')).toBeDefined()
  })
  it('warns about a scope listed twice', () => {
    expect(find(draft({ scopes: 'openid profile openid' }), 'scope.duplicate')?.message).toContain('openid')
  })
  it('notes that discovery without openid brings no ID token, and has no opinion on offline_access alone', () => {
    expect(find(draft({ scopes: 'profile' }), 'scope.no-openid')?.severity).toBe('warning')
    expect(rules(draft({ issuer: undefined, endpoints: { authorize: 'https://a.example/a', token: 'https://a.example/t' }, scopes: 'offline_access' }))).toEqual([])
  })
})

describe('extra parameters and headers', () => {
  it('refuses a nameless parameter', () => {
    expect(find(draft({ extraAuthorizeParams: { '': 'x' } }), 'params.empty-name', 'extraAuthorizeParams')).toBeDefined()
  })
  it('refuses secrets in plain parameters and headers', () => {
    expect(find(draft({ extraTokenParams: { client_secret: 's' } }), 'params.secret-in-profile', 'extraTokenParams.client_secret')?.severity).toBe('error')
    expect(find(draft({ extraAuthorizeParams: { password: 's' } }), 'params.secret-in-profile')).toBeDefined()
    expect(find(draft({ extraHeaders: { Authorization: 'Bearer x' } }), 'params.secret-in-profile', 'extraHeaders.Authorization')).toBeDefined()
    expect(find(draft({ testRequest: { url: 'https://api.example.com/me', headers: { authorization: 'x' } } }), 'params.secret-in-profile')?.message).toContain('Bearer')
  })
  it('says out loud when a parameter overrides what the tester sends (a way to provoke failures)', () => {
    expect(find(draft({ extraAuthorizeParams: { state: 'fixed' } }), 'params.override', 'extraAuthorizeParams.state')?.severity).toBe('warning')
    expect(find(draft({ extraTokenParams: { code_verifier: 'x' } }), 'params.override')).toBeDefined()
    expect(rules(draft({ extraAuthorizeParams: { prompt: 'login' } }))).toEqual([])
  })
  it('refuses an invalid header name', () => {
    expect(find(draft({ extraHeaders: { 'bad header': 'x' } }), 'params.header-name')).toBeDefined()
  })
})

describe('lifetimes', () => {
  it('warns about a session too short to log in', () => {
    expect(find(draft({ lifetimes: { sessionSeconds: 30, codeSeconds: 30 } }), 'lifetime.session-short')).toBeDefined()
  })
  it('warns about a code that outlives the session', () => {
    expect(find(draft({ lifetimes: { sessionSeconds: 600, codeSeconds: 3600 } }), 'lifetime.code-longer')).toBeDefined()
  })
  it('warns that 0 refresh days means “already expired”', () => {
    expect(find(draft({ lifetimes: { refreshTokenDays: 0 } }), 'lifetime.refresh-zero')).toBeDefined()
  })
})
