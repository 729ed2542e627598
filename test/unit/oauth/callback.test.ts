import { describe, expect, it } from 'vitest'
import { parseCallback } from '../../../main/oauth/callback'

describe('parseCallback', () => {
  it('reads code, state and iss from a loopback redirect', () => {
    const r = parseCallback('http://127.0.0.1:5050/callback?code=abc&state=xyz&iss=http%3A%2F%2F127.0.0.1%3A4000')
    expect(r).toMatchObject({ kind: 'code', code: 'abc', state: 'xyz', iss: 'http://127.0.0.1:4000', from: 'query', target: 'http://127.0.0.1:5050/callback' })
  })

  it('reads a private-use scheme redirect with a single slash (RFC 8252 §7.1)', () => {
    const r = parseCallback('dev.oauthflowtester:/callback?code=c1&state=s1')
    expect(r).toMatchObject({ kind: 'code', code: 'c1', state: 's1', target: 'dev.oauthflowtester:/callback' })
  })

  it('accepts a pasted query with or without "?"', () => {
    expect(parseCallback('?code=c&state=s')).toMatchObject({ kind: 'code', code: 'c', state: 's' })
    expect(parseCallback('code=c&state=s')).toMatchObject({ kind: 'code', code: 'c', state: 's' })
    expect(parseCallback('  code=c&state=s \n'.trim())).toMatchObject({ kind: 'code' })
  })

  it('reads a response returned in the fragment', () => {
    expect(parseCallback('http://127.0.0.1:1/callback#code=c&state=s')).toMatchObject({ kind: 'code', from: 'fragment', code: 'c' })
    expect(parseCallback('#code=c&state=s')).toMatchObject({ kind: 'code', from: 'fragment' })
  })

  it('decodes percent-encoding and plus signs', () => {
    expect(parseCallback('?code=a%2Fb%2Bc&state=x+y')).toMatchObject({ code: 'a/b+c', state: 'x y' })
  })

  it('turns error redirects into errors, keeping the description', () => {
    const r = parseCallback('http://127.0.0.1:1/cb?error=access_denied&error_description=User+said+no&state=s')
    expect(r).toMatchObject({ kind: 'error', error: 'access_denied', errorDescription: 'User said no', state: 's' })
  })

  it('keeps a missing state missing', () => {
    const r = parseCallback('http://127.0.0.1:1/cb?code=c')
    expect(r.kind).toBe('code')
    expect(r).not.toHaveProperty('state')
  })

  it.each([
    ['', 'Nothing was pasted'],
    ['hello world', 'not a redirect address'],
    ['http://127.0.0.1:1/cb', 'neither `code` nor `error`'],
    ['http://127.0.0.1:1/cb?code=&state=s', 'empty `code`'],
    ['?code=a&code=b&state=s', 'more than once'],
    ['?code=%E0%A4%A&state=s', 'percent-encoded'],
    ['http://[::1/cb?code=a', 'not a valid address'],
    [`?code=${'a'.repeat(20_000)}`, 'characters long'],
    ['?code=a\nb&state=s', 'control characters'],
  ])('rejects %j with a message', (input, message) => {
    const r = parseCallback(input)
    expect(r.kind).toBe('invalid')
    expect(r.kind === 'invalid' && r.reason).toContain(message)
  })

  it('rejects what is not text', () => {
    expect(parseCallback(42).kind).toBe('invalid')
    expect(parseCallback(undefined).kind).toBe('invalid')
  })
})
