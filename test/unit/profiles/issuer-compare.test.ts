import { describe, expect, it } from 'vitest'
import { compare } from '../../../main/profiles/issuer-check'
import type { ServerMetadata } from '../../../main/oauth/discovery'
import { draft } from './validation/helpers'

const metadata = (over: Partial<ServerMetadata> = {}): ServerMetadata => ({
  issuer: 'https://idp.example.com',
  endpoints: {},
  codeChallengeMethods: ['S256'],
  tokenAuthMethods: ['none', 'client_secret_basic'],
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['openid', 'profile', 'offline_access'],
  idTokenSigningAlgs: ['RS256'],
  issParameter: true,
  ...over,
})
const verdicts = (m: ServerMetadata, p = draft()) => Object.fromEntries(compare(m, p).map((c) => [c.feature, c.verdict]))

describe('Fill from issuer: supported beside used', () => {
  it('agrees when the server supports what the profile uses', () => {
    expect(Object.values(verdicts(metadata()))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
  })

  it('says when PKCE is missing or lacks S256', () => {
    expect(verdicts(metadata({ codeChallengeMethods: [] }))['PKCE method']).toBe('not-advertised')
    expect(verdicts(metadata({ codeChallengeMethods: ['plain'] }))['PKCE method']).toBe('unsupported')
  })

  it('compares client authentication, with RFC 8414’s default when the server is silent', () => {
    expect(verdicts(metadata({ tokenAuthMethods: ['private_key_jwt'] }), draft({ clientAuth: 'client_secret_post' }))['Client authentication']).toBe('unsupported')
    expect(verdicts(metadata({ tokenAuthMethods: [] }), draft({ clientAuth: 'client_secret_basic' }))['Client authentication']).toBe('ok')
    expect(verdicts(metadata({ tokenAuthMethods: [] }), draft({ clientAuth: 'none' }))['Client authentication']).toBe('unsupported')
  })

  it('wants refresh_token among the grants when offline_access is asked for', () => {
    expect(verdicts(metadata({ grantTypes: ['authorization_code'] }), draft({ scopes: 'openid offline_access' }))['Grant types']).toBe('unsupported')
    expect(verdicts(metadata({ grantTypes: ['authorization_code'] }), draft({ scopes: 'openid' }))['Grant types']).toBe('ok')
  })

  it('names scopes the server does not list', () => {
    const scopes = compare(metadata(), draft({ scopes: 'openid payments' })).find((c) => c.feature === 'Scopes')!
    expect(scopes.verdict).toBe('not-advertised')
    expect(scopes.note).toContain('payments')
  })
})
