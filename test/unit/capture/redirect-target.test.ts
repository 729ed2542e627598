import { describe, expect, it } from 'vitest'
import { authNavigation, matchesRedirectUri } from '../../../main/capture/redirect-target'

describe('matchesRedirectUri (exact, so an intermediate hop is never taken for the callback)', () => {
  const loopback = 'http://127.0.0.1:53111/callback'

  it('matches the redirect URI with any query or fragment', () => {
    expect(matchesRedirectUri(`${loopback}?code=a&state=b`, loopback)).toBe(true)
    expect(matchesRedirectUri(`${loopback}#code=a`, loopback)).toBe(true)
    expect(matchesRedirectUri('http://127.0.0.1:80/callback?code=a', 'http://127.0.0.1/callback')).toBe(true)
  })

  it('refuses another port, path, host, scheme or added credentials', () => {
    expect(matchesRedirectUri('http://127.0.0.1:53112/callback?code=a', loopback)).toBe(false)
    expect(matchesRedirectUri('http://127.0.0.1:53111/callback/extra?code=a', loopback)).toBe(false)
    expect(matchesRedirectUri('http://127.0.0.1:53111/callbackx?code=a', loopback)).toBe(false)
    expect(matchesRedirectUri('http://localhost:53111/callback?code=a', loopback)).toBe(false)
    expect(matchesRedirectUri('https://127.0.0.1:53111/callback?code=a', loopback)).toBe(false)
    expect(matchesRedirectUri('http://user:pw@127.0.0.1:53111/callback?code=a', loopback)).toBe(false)
  })

  it('does not take a hop of the login that carries a code for the callback (Bruno #2147)', () => {
    expect(matchesRedirectUri('https://idp.example/login/callback?code=a', 'https://app.example/callback')).toBe(false)
  })

  it('matches a private-use scheme in either spelling, and nothing else against it', () => {
    const deep = 'dev.oauthflowtester:/callback'
    expect(matchesRedirectUri('dev.oauthflowtester:/callback?code=a', deep)).toBe(true)
    expect(matchesRedirectUri('dev.oauthflowtester://callback/?code=a', deep)).toBe(true)
    expect(matchesRedirectUri('dev.oauthflowtester:/other?code=a', deep)).toBe(false)
    expect(matchesRedirectUri('http://dev.oauthflowtester/callback', deep)).toBe(false)
  })

  it('refuses what is not a URL', () => {
    expect(matchesRedirectUri(undefined, loopback)).toBe(false)
    expect(matchesRedirectUri('', loopback)).toBe(false)
    expect(matchesRedirectUri('not a url', loopback)).toBe(false)
  })
})

describe('authNavigation (what the in-app window does with a navigation)', () => {
  const redirect = 'dev.oauthflowtester:/callback'
  it('captures the redirect URI, follows http(s), refuses the rest', () => {
    expect(authNavigation('dev.oauthflowtester:/callback?code=a&state=b', redirect)).toBe('capture')
    expect(authNavigation('https://idp.example/login', redirect)).toBe('allow')
    expect(authNavigation('http://127.0.0.1:4000/interaction/x', redirect)).toBe('allow')
    expect(authNavigation('file:///etc/passwd', redirect)).toBe('deny')
    expect(authNavigation('javascript:alert(1)', redirect)).toBe('deny')
    expect(authNavigation('otherapp:/callback?code=a', redirect)).toBe('deny')
    expect(authNavigation('https://user:pw@idp.example/', redirect)).toBe('deny')
  })
})
