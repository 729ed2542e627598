import { describe, expect, it } from 'vitest'
import { networkCause } from '../../../../main/diagnose/rules/network'
import { nonJsonCause } from '../../../../main/diagnose/rules/non-json'
import { serverSaysCause } from '../../../../main/diagnose/rules/server-says'
import { stateMismatchCause } from '../../../../main/diagnose/rules/state'
import { exchange } from '../fixtures'

const html = (body: string, headers: Record<string, string> = {}) => ({ status: 200, responseBody: body, responseHeaders: { 'content-type': 'text/html', ...headers } })

describe('non-JSON answers from the token endpoint', () => {
  it('names a redirect and where it leads', () => {
    const c = nonJsonCause(exchange({ status: 302, responseBody: '', responseHeaders: { location: 'https://login.example/' } }))
    expect(c?.id).toBe('endpoint.redirected')
    expect(c?.evidence.find((e) => e.label === 'redirected to')?.value).toBe('https://login.example/')
  })

  it('confirms a token request sent to the authorization endpoint', () => {
    const ex = exchange({ url: 'https://as.example/authorize', ...html('<html></html>') })
    expect(nonJsonCause(ex, { authorize: 'https://as.example/authorize', token: 'https://as.example/token' })).toMatchObject({ id: 'endpoint.authorize_as_token', likelihood: 'confirmed' })
  })

  it('recognises a login page, a proxy page, and a URL other than the announced one', () => {
    expect(nonJsonCause(exchange(html('<title>Sign in</title><form><input type="password"></form>')))?.id).toBe('endpoint.login_page')
    const proxy = nonJsonCause(exchange(html('<title>Attention Required! | Cloudflare</title>', { server: 'cloudflare' })))
    expect(proxy?.id).toBe('endpoint.proxy_page')
    expect(proxy?.evidence.find((e) => e.label === 'page title')?.value).toBe('Attention Required! | Cloudflare')
    const wrong = nonJsonCause(exchange({ url: 'https://as.example/oauth/token', status: 400, responseBody: 'nope', responseHeaders: { 'content-type': 'text/plain' } }), { token: 'https://as.example/token' })
    expect(wrong).toMatchObject({ id: 'endpoint.wrong_url', likelihood: 'confirmed' })
  })

  it('does not fire without a response', () => {
    expect(nonJsonCause(exchange({ error: { kind: 'refused', message: 'x' } }))).toBeUndefined()
  })
})

describe('network and TLS failures', () => {
  it('says which host and port refused', () => {
    const c = networkCause(exchange({ url: 'http://127.0.0.1:9/token', error: { kind: 'refused', message: 'Connection refused', code: 'ECONNREFUSED' } }))
    expect(c).toMatchObject({ id: 'network.down', likelihood: 'confirmed' })
    expect(c?.evidence.slice(0, 2)).toEqual([
      { label: 'host', value: '127.0.0.1' },
      { label: 'port', value: '9' },
    ])
  })

  it('tells https to a plain-http server from a certificate problem', () => {
    const plain = networkCause(exchange({ url: 'https://127.0.0.1:8080/token', error: { kind: 'tls', message: 'TLS failed: ssl3_get_record:wrong version number', code: 'ERR_SSL_WRONG_VERSION_NUMBER' } }))
    expect(plain?.id).toBe('network.tls_to_plain_http')
    const cert = networkCause(exchange({ url: 'https://as.example/token', error: { kind: 'tls', message: 'TLS failed: self-signed certificate', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } }))
    expect(cert?.id).toBe('network.certificate')
  })

  it('does not fire when an answer came', () => {
    expect(networkCause(exchange({}))).toBeUndefined()
  })
})

describe('the server says', () => {
  it('quotes the detail an embedded server logged', () => {
    const c = serverSaysCause([{ at: 0, error: 'invalid_grant', detail: 'code_verifier does not match code_challenge' }])
    expect(c?.evidence).toEqual([{ label: 'the server says', value: 'invalid_grant: code_verifier does not match code_challenge' }])
  })

  it('does not fire with nothing logged', () => {
    expect(serverSaysCause([])).toBeUndefined()
    expect(serverSaysCause(undefined)).toBeUndefined()
  })
})

describe('state mismatch', () => {
  it('recognises the state of an earlier attempt', () => {
    expect(stateMismatchCause('new-state', 'old-state', ['old-state'])?.id).toBe('state.other_attempt')
  })

  it('says how a state changed', () => {
    const how = (sent: string, received: string) => stateMismatchCause(sent, received)?.evidence.find((e) => e.label === 'how it differs')?.value
    expect(how('abcdef', 'abc')).toBe('it was cut short')
    expect(how('abc', 'abcdef')).toBe('something was appended to it')
    expect(how('a b', 'a%20b')).toBe('it was URL-encoded or decoded on the way')
    expect(how('AbC', 'abc')).toBe('its letter case changed')
    expect(stateMismatchCause('abc', 'abd')?.evidence.find((e) => e.label === 'first difference')?.value).toBe('same up to character 2, then “c” vs “d”')
  })

  it('does not fire for an equal state', () => {
    expect(stateMismatchCause('s', 's')).toBeUndefined()
  })
})
