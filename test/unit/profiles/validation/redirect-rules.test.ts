import { describe, expect, it } from 'vitest'
import { redirectUriOf } from '../../../../main/profiles/validation/redirect-rules'
import { draft, find, rules } from './helpers'

const paste = (redirectUri: string, environment: 'sandbox' | 'production' = 'sandbox') =>
  draft({ environment, capture: { method: 'paste', redirectUri } })

describe('redirect URIs', () => {
  it('shows the loopback redirect URI a run will send', () => {
    expect(redirectUriOf(draft())).toBe('http://127.0.0.1:8765/callback')
    expect(redirectUriOf(draft({ capture: { method: 'loopback', loopbackPort: 0 } }))).toBe('http://127.0.0.1:<any port>/callback')
  })

  it('checks the loopback path and port', () => {
    expect(find(draft({ capture: { method: 'loopback', loopbackPath: 'callback' } }), 'redirect.loopback-path')).toBeDefined()
    expect(find(draft({ capture: { method: 'loopback', loopbackPath: '/cb?x=1' } }), 'redirect.loopback-path')).toBeDefined()
    expect(find(draft({ capture: { method: 'loopback', loopbackPort: 80 } }), 'redirect.privileged-port')?.severity).toBe('warning')
    expect(find(draft({ capture: { method: 'loopback', loopbackPort: 0 } }), 'redirect.loopback-any-port')?.message).toContain('RFC 8252')
    // The embedded server accepts any port, so no warning there.
    expect(find(draft({ embedded: 'oidc-sandbox', issuer: undefined, capture: { method: 'loopback', loopbackPort: 0 } }), 'redirect.loopback-any-port')).toBeUndefined()
  })

  it('refuses a relative URI and a fragment; warns about a query string', () => {
    expect(find(paste('/callback'), 'redirect.invalid')).toBeDefined()
    expect(find(paste('https://app.example.com/cb#done'), 'redirect.fragment')?.severity).toBe('error')
    expect(find(paste('https://app.example.com/cb?from=tester'), 'redirect.query')?.severity).toBe('warning')
    expect(rules(paste('https://app.example.com/cb'))).toEqual([])
  })

  it('wants custom schemes in reverse-domain form', () => {
    expect(find(paste('myapp:/callback'), 'redirect.scheme-name')?.message).toContain('com.example.app')
    expect(rules(paste('com.acme.app:/callback'))).toEqual([])
  })

  it('says deep-link capture needs a custom scheme', () => {
    expect(find(draft({ capture: { method: 'deep-link', redirectUri: 'https://app.example.com/cb' } }), 'redirect.deep-link-http')).toBeDefined()
  })

  it('prefers 127.0.0.1 to localhost (RFC 8252 §8.3)', () => {
    expect(find(paste('http://localhost:8765/callback'), 'redirect.localhost')?.severity).toBe('warning')
    expect(rules(paste('http://127.0.0.1:8765/callback', 'production'))).toEqual([])
  })

  it('refuses plain http to another machine in production, warns in a sandbox', () => {
    expect(find(paste('http://app.example.com/cb', 'production'), 'redirect.http-remote')?.severity).toBe('error')
    expect(find(paste('http://app.example.com/cb'), 'redirect.http-remote')?.severity).toBe('warning')
  })
})
