import { describe, expect, it } from 'vitest'
import { deepLinkTarget, findDeepLink, isOurDeepLink, protocolClientRegistration } from '../../../main/capture/deep-link'

const LINK = 'dev.oauthflowtester:/callback?code=c1&state=s1'

describe('findDeepLink (the argv a second instance gets)', () => {
  it('finds the link after "--", as the app registers it on Windows', () => {
    expect(findDeepLink(['C:\\OFT\\oft.exe', '--', LINK])).toBe(LINK)
  })

  it('finds it in development argv (electron <app> -- <url>)', () => {
    expect(findDeepLink(['/usr/lib/electron', '/home/me/oft', '--', LINK])).toBe(LINK)
  })

  it('finds it among switches Chromium adds and reorders, never by position', () => {
    const argv = ['oft.exe', '--allow-file-access-from-files', '--original-process-start-time=13370', '--', LINK, '--enable-features=X']
    expect(findDeepLink(argv)).toBe(LINK)
    expect(findDeepLink(['oft', LINK, '--no-sandbox'])).toBe(LINK)
  })

  it('accepts both spellings of the scheme and any case (schemes are case-insensitive)', () => {
    expect(findDeepLink(['oft', 'dev.oauthflowtester://callback?code=a&state=b'])).toBe('dev.oauthflowtester://callback?code=a&state=b')
    expect(findDeepLink(['oft', 'DEV.OAuthFlowTester:/callback?code=a'])).toBe('DEV.OAuthFlowTester:/callback?code=a')
  })

  it('never takes a switch that merely contains the scheme', () => {
    expect(findDeepLink(['oft', `--inspect=${LINK}`, `--x=${LINK}`])).toBeUndefined()
    expect(findDeepLink(['oft', `-${LINK}`])).toBeUndefined()
  })

  it('prefers what follows "--" over what precedes it', () => {
    expect(findDeepLink(['oft', 'dev.oauthflowtester:/before', '--', LINK])).toBe(LINK)
  })

  it('takes off quotes a launcher kept', () => {
    expect(findDeepLink(['oft', '--', `"${LINK}"`])).toBe(LINK)
  })

  it('ignores other schemes, non-strings, empty input and absurdly long arguments', () => {
    expect(findDeepLink(['oft', 'https://example.com/callback?code=a', 'dev.oauthflowtesterx:/callback'])).toBeUndefined()
    expect(findDeepLink([])).toBeUndefined()
    expect(findDeepLink([1, null, {}, undefined])).toBeUndefined()
    expect(findDeepLink('not an array' as unknown as string[])).toBeUndefined()
    expect(findDeepLink(['oft', `${LINK}${'a'.repeat(20_000)}`])).toBeUndefined()
    expect(findDeepLink(['oft', 'dev.oauthflowtester:'])).toBe('dev.oauthflowtester:')
  })

  it('isOurDeepLink needs the colon right after the scheme', () => {
    expect(isOurDeepLink(LINK)).toBe(true)
    expect(isOurDeepLink('dev.oauthflowtester')).toBe(false)
    expect(isOurDeepLink('dev.oauthflowtester.evil:/callback')).toBe(false)
  })
})

describe('deepLinkTarget (one spelling for every form of the same redirect)', () => {
  it.each([
    ['dev.oauthflowtester:/callback?code=a', 'dev.oauthflowtester:/callback'],
    ['dev.oauthflowtester://callback?code=a', 'dev.oauthflowtester:/callback'],
    ['dev.oauthflowtester:///callback', 'dev.oauthflowtester:/callback'],
    // Windows browsers may add a trailing slash (electron/electron#10786).
    ['dev.oauthflowtester://callback/?code=a', 'dev.oauthflowtester:/callback'],
    ['DEV.oauthflowtester:/callback#code=a', 'dev.oauthflowtester:/callback'],
    ['dev.oauthflowtester:/a/b/', 'dev.oauthflowtester:/a/b'],
  ])('%s → %s', (input, target) => {
    expect(deepLinkTarget(input)).toBe(target)
  })

  it('keeps the path case and rejects what has no scheme', () => {
    expect(deepLinkTarget('dev.oauthflowtester:/Callback')).not.toBe(deepLinkTarget('dev.oauthflowtester:/callback'))
    expect(deepLinkTarget('/callback?code=a')).toBeUndefined()
    expect(deepLinkTarget('')).toBeUndefined()
  })
})

describe('protocolClientRegistration (setAsDefaultProtocolClient arguments)', () => {
  it('registers the packaged app with "--" before the URL', () => {
    expect(protocolClientRegistration({ platform: 'win32', execPath: 'C:\\OFT\\oft.exe' })).toEqual({
      register: true,
      scheme: 'dev.oauthflowtester',
      path: 'C:\\OFT\\oft.exe',
      args: ['--'],
    })
  })

  it('registers the Electron binary plus the app folder in development (process.defaultApp)', () => {
    expect(protocolClientRegistration({ platform: 'win32', defaultApp: true, execPath: 'C:\\dev\\electron.exe', appPath: 'C:\\src\\oft' })).toEqual({
      register: true,
      scheme: 'dev.oauthflowtester',
      path: 'C:\\dev\\electron.exe',
      args: ['C:\\src\\oft', '--'],
    })
    expect(protocolClientRegistration({ platform: 'darwin', defaultApp: true, execPath: '/e' })).toMatchObject({ register: false })
  })

  it('leaves Linux to the desktop entry', () => {
    expect(protocolClientRegistration({ platform: 'linux', execPath: '/opt/oft/oft' })).toMatchObject({ register: false, reason: expect.stringContaining('desktop entry') })
  })
})
