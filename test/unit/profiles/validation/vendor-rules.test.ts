import { describe, expect, it } from 'vitest'
import type { ProfileDraftInput } from '../../../../shared/domain/profile'
import { draft, find, rules } from './helpers'

const vendor = (overrides: Partial<ProfileDraftInput> = {}) =>
  draft({
    flow: 'vendor-hosted',
    issuer: undefined,
    apiBaseUrl: 'https://dev.api.baanx.com',
    region: 'international',
    clientId: 'ck_123',
    clientAuth: 'headers',
    clientHeaders: { 'x-client-key': 'ck_123' },
    secretHeaders: ['x-secret-key'],
    scopes: '',
    ...overrides,
  })
const SECRET = ['x-secret-key']

describe('the vendor’s four-step flow', () => {
  it('accepts a complete sandbox profile', () => {
    expect(rules(vendor(), SECRET)).toEqual([])
  })

  it('warns that a region on a standard profile is ignored', () => {
    expect(find(draft({ region: 'us' }), 'region.not-vendor', 'region')?.severity).toBe('warning')
  })

  it('refuses the sandbox host in a production profile (keys of the wrong environment)', () => {
    const issue = find(vendor({ environment: 'production', capture: { method: 'paste', redirectUri: 'https://app.example.com/cb' } }), 'vendor.sandbox-host-in-production', 'apiBaseUrl', SECRET)
    expect(issue?.severity).toBe('error')
  })

  it('asks whether another host in a sandbox profile is production', () => {
    expect(find(vendor({ apiBaseUrl: 'https://api.partner.example' }), 'vendor.production-host-in-sandbox', 'apiBaseUrl', SECRET)?.severity).toBe('warning')
    expect(find(vendor({ apiBaseUrl: 'http://127.0.0.1:4010' }), 'vendor.production-host-in-sandbox', 'apiBaseUrl', SECRET)).toBeUndefined()
  })

  it('wants only the host, not a path', () => {
    expect(find(vendor({ apiBaseUrl: 'https://dev.api.baanx.com/v1' }), 'vendor.api-path', 'apiBaseUrl', SECRET)).toBeDefined()
  })

  it('says production refuses http redirects, loopback included', () => {
    const loopback = vendor({ environment: 'production', apiBaseUrl: 'https://api.partner.example' })
    expect(find(loopback, 'vendor.production-http-redirect', 'capture.method', SECRET)?.severity).toBe('error')
    const http = vendor({ environment: 'production', apiBaseUrl: 'https://api.partner.example', capture: { method: 'paste', redirectUri: 'http://127.0.0.1:8765/cb' } })
    expect(find(http, 'vendor.production-http-redirect', 'capture.redirectUri', SECRET)).toBeDefined()
    const https = vendor({ environment: 'production', apiBaseUrl: 'https://api.partner.example', capture: { method: 'paste', redirectUri: 'https://app.example.com/cb' } })
    expect(rules(https, SECRET)).toEqual([])
  })

  it('warns that a custom scheme needs the vendor’s approval', () => {
    const p = vendor({ capture: { method: 'deep-link', redirectUri: 'com.acme.app:/callback' } })
    expect(find(p, 'vendor.custom-scheme', 'capture.redirectUri', SECRET)?.message).toContain('approved')
  })

  it('needs header authentication with x-client-key, ideally equal to the client id, and x-secret-key', () => {
    expect(find(vendor({ clientAuth: 'none', clientHeaders: {}, secretHeaders: [] }), 'vendor.client-auth', 'clientAuth')?.severity).toBe('error')
    expect(find(vendor({ clientHeaders: { 'x-other': 'v' } }), 'vendor.client-key', 'clientHeaders', SECRET)?.message).toContain('499')
    expect(find(vendor({ clientId: 'something-else' }), 'vendor.client-key-id', 'clientId', SECRET)?.severity).toBe('warning')
    expect(find(vendor({ secretHeaders: [] }), 'vendor.secret-key', 'secretHeaders')?.message).toContain('invalid_client')
  })

  it('warns when the session countdown is longer than the vendor’s 10 minutes', () => {
    expect(find(vendor({ lifetimes: { sessionSeconds: 1800 } }), 'vendor.session-length', 'lifetimes.sessionSeconds', SECRET)).toBeDefined()
  })
})
