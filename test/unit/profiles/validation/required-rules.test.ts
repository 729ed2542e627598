import { describe, expect, it } from 'vitest'
import { draft, find, rules } from './helpers'

describe('required fields and embedded servers', () => {
  it('asks for a name and a client id', () => {
    expect(find(draft({ name: '  ' }), 'required.name', 'name')?.severity).toBe('error')
    expect(find(draft({ clientId: '' }), 'required.client-id', 'clientId')?.message).toContain('client id')
    const vendor = draft({ flow: 'vendor-hosted', clientId: '', apiBaseUrl: 'https://dev.api.baanx.com' })
    expect(find(vendor, 'required.client-id')?.message).toContain('x-client-key')
  })

  it('needs an issuer or both authorize and token endpoints for the standard flow', () => {
    const p = draft({ issuer: undefined })
    expect(find(p, 'required.endpoint', 'endpoints.authorize')).toBeDefined()
    expect(find(p, 'required.endpoint', 'endpoints.token')).toBeDefined()
    const typed = draft({ issuer: undefined, endpoints: { authorize: 'https://idp.example.com/a', token: 'https://idp.example.com/t' } })
    expect(rules(typed)).not.toContain('required.endpoint')
  })

  it('needs the vendor API host, naming the sandbox host or asking for the production one', () => {
    expect(find(draft({ flow: 'vendor-api', environment: 'sandbox' }), 'required.api-base-url')?.message).toContain('https://dev.api.baanx.com')
    expect(find(draft({ flow: 'vendor-api', environment: 'production' }), 'required.api-base-url')?.message).toContain('account manager')
  })

  it('needs a redirect URI unless the capture is loopback', () => {
    expect(find(draft({ capture: { method: 'paste' } }), 'required.redirect-uri', 'capture.redirectUri')).toBeDefined()
    expect(find(draft({ capture: { method: 'deep-link', redirectUri: 'com.acme.app:/cb' } }), 'required.redirect-uri')).toBeUndefined()
  })

  it('matches each embedded server with its flow, never as production, and says typed addresses are ignored', () => {
    expect(find(draft({ embedded: 'oidc-sandbox', issuer: undefined, flow: 'vendor-hosted' }), 'embedded.flow', 'flow')).toBeDefined()
    expect(find(draft({ embedded: 'vendor-simulator', issuer: undefined, flow: 'standard' }), 'embedded.flow', 'flow')).toBeDefined()
    expect(find(draft({ embedded: 'oidc-sandbox', issuer: undefined, environment: 'production' }), 'embedded.production', 'environment')?.severity).toBe('error')
    // The simulator's production-like environment is chosen by the environment field itself.
    expect(find(draft({ embedded: 'vendor-simulator', flow: 'vendor-hosted', issuer: undefined, environment: 'production' }), 'embedded.production', 'environment')).toBeUndefined()
    expect(find(draft({ embedded: 'oidc-sandbox' }), 'embedded.endpoints-ignored')?.severity).toBe('warning')
    expect(rules(draft({ embedded: 'oidc-sandbox', issuer: undefined }))).toEqual([])
  })
})
