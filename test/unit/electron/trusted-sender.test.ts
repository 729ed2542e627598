import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../../main/electron/app-origin'
import { isOpenableExternally } from '../../../main/electron/external-url'
import { isTrustedSender } from '../../../main/electron/trusted-sender'

describe('IPC sender check', () => {
  it('trusts only the app page in the main frame of our window', () => {
    expect(isTrustedSender({ url: 'app://oft/index.html', parent: null }, true)).toBe(true)
    expect(isTrustedSender({ url: 'app://oft/index.html', parent: {} }, true)).toBe(false)
    expect(isTrustedSender({ url: 'app://oft/index.html', parent: null }, false)).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, true)).toBe(false)
    expect(isTrustedSender({ url: 'app://oft.evil/index.html', parent: null }, true)).toBe(false)
    expect(isTrustedSender({ url: '', parent: null }, true)).toBe(false)
    expect(isTrustedSender(null, true)).toBe(false)
  })

  it('parses origins instead of comparing prefixes', () => {
    expect(isAppUrl('app://oft/')).toBe(true)
    expect(isAppUrl('app://oftx/')).toBe(false)
    expect(isAppUrl('app://oft@evil/')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
  })
})

describe('opening the system browser', () => {
  it('allows http(s) only', () => {
    expect(isOpenableExternally('https://as.example/authorize?x=1')).toBe(true)
    expect(isOpenableExternally('http://127.0.0.1:4000/auth')).toBe(true)
    expect(isOpenableExternally('file:///etc/passwd')).toBe(false)
    expect(isOpenableExternally('javascript:alert(1)')).toBe(false)
    expect(isOpenableExternally('smb://host/share')).toBe(false)
    expect(isOpenableExternally('https://user:pw@as.example/')).toBe(false)
    expect(isOpenableExternally('')).toBe(false)
  })
})
