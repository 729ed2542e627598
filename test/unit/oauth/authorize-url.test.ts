import { describe, expect, it } from 'vitest'
import { buildAuthorizeUrl } from '../../../main/oauth/authorize-url'

describe('buildAuthorizeUrl', () => {
  const base = { clientId: 'cid', redirectUri: 'http://127.0.0.1:5000/callback', scope: 'openid email', state: 'st', codeChallenge: 'ch' }

  it('carries every parameter of a code + PKCE request', () => {
    const url = new URL(buildAuthorizeUrl('https://as.example/authorize', { ...base, nonce: 'n' }))
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'http://127.0.0.1:5000/callback',
      scope: 'openid email',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      nonce: 'n',
    })
  })

  it('keeps a query already in the endpoint and adds extra parameters', () => {
    const url = new URL(buildAuthorizeUrl('https://as.example/authorize?tenant=t1', { ...base, extra: { prompt: 'login' } }))
    expect(url.searchParams.get('tenant')).toBe('t1')
    expect(url.searchParams.get('prompt')).toBe('login')
  })

  it('never lets an extra parameter override state or the challenge', () => {
    const url = new URL(buildAuthorizeUrl('https://as.example/a', { ...base, extra: { state: 'evil', code_challenge_method: 'plain' } }))
    expect(url.searchParams.get('state')).toBe('st')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
  })
})
