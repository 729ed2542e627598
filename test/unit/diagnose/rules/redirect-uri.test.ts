import { describe, expect, it } from 'vitest'
import { compareRedirectUris, redirectUriNotRegistered, redirectUriRule } from '../../../../main/diagnose/rules/redirect-uri'
import { authorizeUrl, exchange, oauthError } from '../fixtures'

const parts = (a: string, b: string) => compareRedirectUris(a, b).differences.map((d) => d.part)

describe('redirect URIs compared character by character', () => {
  it('names each kind of difference', () => {
    expect(parts('https://app.example/cb', 'http://app.example/cb')).toEqual(['scheme'])
    expect(parts('http://localhost:8080/cb', 'http://127.0.0.1:8080/cb')).toEqual(['host'])
    expect(parts('http://127.0.0.1:8080/cb', 'http://127.0.0.1:8081/cb')).toEqual(['port'])
    expect(parts('http://127.0.0.1/callback', 'http://127.0.0.1/callback/')).toEqual(['trailing-slash'])
    expect(parts('https://app.example/cb', 'https://app.example/cb?x=1')).toEqual(['query'])
    expect(parts('https://app.example/cb', 'https://app.example/cb#x')).toEqual(['fragment'])
    expect(parts('https://app.example/a%20b', 'https://app.example/a b')).toEqual(['encoding'])
    expect(parts('https://app.example/cb', 'https://app.example/other')).toEqual(['path'])
  })

  it('tells a written default port from an implied one, and letter case', () => {
    const port = compareRedirectUris('http://app.example:80/cb', 'http://app.example/cb')
    expect(port.differences[0]?.text).toContain('once written and once implied')
    expect(compareRedirectUris('https://App.example/cb', 'https://app.example/cb').differences[0]?.text).toContain('letter case only')
  })

  it('points at the first differing character', () => {
    expect(compareRedirectUris('http://127.0.0.1/callback', 'http://127.0.0.1/callback/').first).toBe('same up to character 25, then the end vs “/”')
    expect(compareRedirectUris('a:/x', 'a:/x')).toEqual({ same: true, differences: [], first: 'identical' })
  })
})

describe('redirect_uri rule at the token endpoint', () => {
  const ev = (atToken: string | undefined) => ({
    step: 'token',
    now: 0,
    authorizeUrl: authorizeUrl({ redirect_uri: 'http://127.0.0.1/callback' }),
    exchange: exchange({ body: { grant_type: 'authorization_code', code: 'c', ...(atToken !== undefined && { redirect_uri: atToken }) } }),
  })

  it('shows the two URIs and the trailing slash between them', () => {
    const c = redirectUriRule(oauthError('invalid_grant'), ev('http://127.0.0.1/callback/'))
    expect(c?.id).toBe('redirect_uri.trailing_slash')
    expect(c?.evidence.slice(0, 2)).toEqual([
      { label: 'redirect_uri at authorize', value: 'http://127.0.0.1/callback' },
      { label: 'redirect_uri at token', value: 'http://127.0.0.1/callback/' },
    ])
    expect(c?.evidence.find((e) => e.label === 'difference')?.value).toContain('trailing slash')
  })

  it('notices a missing redirect_uri', () => {
    expect(redirectUriRule(oauthError('invalid_grant'), ev(undefined))?.id).toBe('redirect_uri.missing')
  })

  it('does not fire when they match, on other errors, or without the authorization request', () => {
    expect(redirectUriRule(oauthError('invalid_grant'), ev('http://127.0.0.1/callback'))).toBeUndefined()
    expect(redirectUriRule(oauthError('invalid_client', 401), ev('http://127.0.0.1/callback/'))).toBeUndefined()
    expect(redirectUriRule(oauthError('invalid_grant'), { ...ev('x'), authorizeUrl: undefined })).toBeUndefined()
  })
})

describe('redirect URI refused at the authorization endpoint', () => {
  it('compares with the profile’s registered one', () => {
    const c = redirectUriNotRegistered('http://127.0.0.1/callback/', 'http://127.0.0.1/callback')
    expect(c).toMatchObject({ id: 'redirect_uri.trailing_slash', likelihood: 'confirmed' })
    expect(c.evidence[0]).toEqual({ label: 'redirect_uri registered (profile)', value: 'http://127.0.0.1/callback' })
  })

  it('says so plainly when nothing is known to compare with', () => {
    expect(redirectUriNotRegistered('https://x.example/cb', undefined)).toMatchObject({ id: 'redirect_uri.not_registered', likelihood: 'likely' })
    expect(redirectUriNotRegistered('https://x.example/cb', 'https://x.example/cb').text).toContain('profile lists it')
  })
})
