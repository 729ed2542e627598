import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskToken } from '../../../shared/mask'
import type { HttpExchange } from '../../../main/http/exchange'
import { tokenHash } from '../../../main/diagnose/rules/token-fingerprint'
import { challengeS256 } from '../../../main/oauth/pkce'
import { SANDBOX_CONFIDENTIAL_SECRET, SANDBOX_PASTE_REDIRECT } from '../../../main/sandbox/oidc/oidc-sandbox'
import { evidenceOf, LabHarness, paramsOf } from '../../support/lab-harness'

/**
 * Every built-in scenario, run by the real lab against the real embedded sandbox over HTTP: the
 * top diagnosis and its cause are the expected ones, and the evidence values are the values
 * actually sent (compared with the raw requests the lab's HTTP client recorded).
 */
describe('scenario lab against the embedded sandbox', () => {
  const h = new LabHarness()
  beforeAll(async () => {
    await h.sandbox.acquire()
  })
  afterAll(async () => {
    h.sandbox.release()
    await h.close()
  })

  const tokenRequests = (r: { exchanges: HttpExchange[] }): HttpExchange[] => r.exchanges.filter((e) => e.step === 'token')

  it('code-reused: names the first exchange, when it ran, and the code’s age', async () => {
    const r = await h.run('code-reused')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'code.reused', cause: 'code.reused' } })
    const [first, second] = tokenRequests(r)
    const ev = evidenceOf(r)
    expect(ev.code).toBe(maskToken(paramsOf(first).code!))
    expect(paramsOf(second).code).toBe(paramsOf(first).code)
    expect(ev['first exchanged at']).toBe(new Date(first!.startedAt).toISOString())
    expect(ev['first exchange']).toBe(`POST /token → HTTP 200 (exchange ${first!.id})`)
    expect(ev['sent again at']).toBe(new Date(second!.startedAt).toISOString())
    expect(ev['code age']).toMatch(/^\d+ ms$|^\d+(\.\d)? s$/)
    expect(r.diagnosis?.exchangeId).toBe(second!.id)
    expect(r.diagnosis?.causes.find((c) => c.id === 'server.says')?.evidence[0]?.value).toBe('invalid_grant: authorization code already consumed')
  })

  it('pkce-wrong-verifier: the two challenge strings, and where the verifier was cut', async () => {
    const r = await h.run('pkce-wrong-verifier')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'pkce.validation_failed', cause: 'pkce.mismatch.verifier_altered' } })
    const sent = paramsOf(tokenRequests(r)[0]).code_verifier!
    const ev = evidenceOf(r)
    expect(ev['S256 of the code_verifier sent']).toBe(challengeS256(sent))
    expect(ev['S256 of the verifier stored at authorize']).toBe(ev['code_challenge sent at authorize'])
    expect(ev['code_challenge sent at authorize']).not.toBe(ev['S256 of the code_verifier sent'])
    expect(ev['verifier stored vs sent']).toBe('43 vs 42 characters; first difference at character 43')
    expect(JSON.stringify(r.diagnosis)).not.toContain(sent)
    // A 42-character verifier breaks RFC 7636's length rule, so the server says invalid_request.
    expect(JSON.parse(tokenRequests(r)[0]!.response!.body)).toMatchObject({ error: 'invalid_request' })
    expect(r.diagnosis?.summary).toContain('`invalid_request`')
    expect(ev['code_verifier sent']).toBe('42 characters (RFC 7636 needs 43–128 of those)')
  })

  it('pkce-verifier-regenerated: the challenge sent at authorize against S256 of the new verifier', async () => {
    const r = await h.run('pkce-verifier-regenerated')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'pkce.validation_failed', cause: 'pkce.mismatch.verifier_regenerated' } })
    const ev = evidenceOf(r)
    expect(ev['S256 of the code_verifier sent']).toBe(challengeS256(paramsOf(tokenRequests(r)[0]).code_verifier!))
    expect(ev['code_challenge sent at authorize']).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(ev['S256 of the verifier stored at authorize']).toBe(ev['code_challenge sent at authorize'])
    expect(ev['verifier stored vs sent']).toBe('entirely different values (43 and 43 characters)')
    expect(r.diagnosis?.causes.find((c) => c.id === 'server.says')?.evidence[0]?.value).toBe('invalid_grant: code_verifier does not match code_challenge')
  })

  it('pkce-missing: the authorization request without a challenge, refused before any sign-in', async () => {
    const r = await h.run('pkce-missing')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'authorize.invalid_request', cause: 'authorize.missing_pkce' } })
    const probe = r.exchanges[r.exchanges.length - 1]!
    expect(probe.step).toBe('authorize')
    expect(paramsOf(probe).code_challenge).toBeUndefined()
    expect(evidenceOf(r)['code_challenge in the authorization request']).toBe('(absent)')
    expect(r.diagnosis?.exchangeId).toBe(probe.id)
    expect(r.diagnosis?.causes[1]?.evidence).toContainEqual({ label: 'error_description', value: 'Authorization Server policy requires PKCE to be used for this request' })
  })

  it('pkce-challenge-not-base64url: the challenge as sent and the characters it may not have', async () => {
    const r = await h.run('pkce-challenge-not-base64url')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'authorize.invalid_request', cause: 'authorize.pkce_encoding' } })
    const sent = paramsOf(r.exchanges[r.exchanges.length - 1]).code_challenge!
    expect(sent).toMatch(/=$/)
    expect(evidenceOf(r)['code_challenge sent']).toBe(sent)
    expect(evidenceOf(r).problem).toMatch(/^characters not allowed: .*=/)
  })

  it('state-tampered: the state sent and the one received, and no token request', async () => {
    const r = await h.run('state-tampered')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'callback.state_mismatch', cause: 'state.altered' } })
    const ev = evidenceOf(r)
    expect(ev['state sent']).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(ev['state received']).toHaveLength(43)
    expect(ev['state received']!.slice(0, 42)).toBe(ev['state sent']!.slice(0, 42))
    expect(ev['state received']).not.toBe(ev['state sent'])
    expect(ev['first difference']).toMatch(/^same up to character 42, then “.” vs “.”$/)
    expect(tokenRequests(r)).toHaveLength(0)
  })

  it('redirect-uri-trailing-slash: the two redirect URIs and the slash between them', async () => {
    const r = await h.run('redirect-uri-trailing-slash')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'redirect_uri.mismatch', cause: 'redirect_uri.trailing_slash' } })
    const ev = evidenceOf(r)
    expect(ev['redirect_uri at authorize']).toBe(SANDBOX_PASTE_REDIRECT)
    expect(ev['redirect_uri at token']).toBe(`${SANDBOX_PASTE_REDIRECT}/`)
    expect(ev['redirect_uri at token']).toBe(paramsOf(tokenRequests(r)[0]).redirect_uri)
    expect(ev.difference).toBe('trailing slash: `/callback` vs `/callback/` (the second ends in `/`, the first does not)')
    expect(ev['first difference']).toBe('same up to character 25, then the end vs “/”')
  })

  it('redirect-uri-not-registered: the registered URI, the one sent, and the server’s error page', async () => {
    const r = await h.run('redirect-uri-not-registered')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'redirect_uri.mismatch', cause: 'redirect_uri.trailing_slash' } })
    const probe = r.exchanges[r.exchanges.length - 1]!
    expect(probe.response?.status).toBe(400)
    const ev = evidenceOf(r)
    expect(ev['redirect_uri registered (profile)']).toBe(SANDBOX_PASTE_REDIRECT)
    expect(ev['redirect_uri sent']).toBe(paramsOf(probe).redirect_uri)
    expect(ev['redirect_uri sent']).toBe(`${SANDBOX_PASTE_REDIRECT}/`)
    expect(r.diagnosis?.causes[1]?.evidence[0]?.value).toContain('redirect_uri did not match')
  })

  it('session-expired: the session start, its length and its age on the lab’s own clock', async () => {
    const r = await h.run('session-expired')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'session.expired', cause: 'session.slow_login' } })
    const ev = evidenceOf(r)
    expect(ev['session length']).toBe('600 s')
    expect(ev['session age']).toBe('601 s')
    expect(Date.parse(ev['the redirect arrived at']!) - Date.parse(ev['session started']!)).toBe(601_000)
    expect(tokenRequests(r)).toHaveLength(0)
  })

  it('refresh-token-replayed: the superseded token, what replaced it, and the server’s answer', async () => {
    const r = await h.run('refresh-token-replayed')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'refresh.rotated_token_replayed', cause: 'rotation.replayed' } })
    const [exchange, refresh, replay] = r.exchanges.filter((e) => ['token', 'refresh', 'replay'].includes(e.step))
    const firstRefresh = JSON.parse(exchange!.response!.body).refresh_token as string
    expect(paramsOf(refresh).refresh_token).toBe(firstRefresh)
    expect(paramsOf(replay).refresh_token).toBe(firstRefresh)
    expect(JSON.parse(refresh!.response!.body).refresh_token).not.toBe(firstRefresh)
    const ev = evidenceOf(r)
    expect(ev['refresh token sent']).toBe('refresh token #1')
    expect(ev.superseded).toMatch(/^\d{4}-.*Z by refresh token #2$/)
    expect(ev['server answered']).toBe('HTTP 400 invalid_grant: grant request is invalid')
  })

  it('access-denied: the error the server redirected with', async () => {
    const r = await h.run('access-denied')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'authorize.access_denied', cause: 'authorize.user_denied' } })
    expect(evidenceOf(r)).toMatchObject({ error: 'access_denied', error_description: 'The user denied the request on the sandbox page.' })
  })

  it('client-auth-missing: what was sent for client authentication, and what the server announces', async () => {
    const r = await h.run('client-auth-missing')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'token.invalid_client', cause: 'client.auth_method' } })
    const ev = evidenceOf(r)
    expect(ev['client authentication sent']).toBe('none (client_id oft-sandbox-confidential only)')
    expect(ev['methods the server announces']).toContain('client_secret_basic')
    expect(tokenRequests(r)[0]?.request.headers.authorization).toBeUndefined()
  })

  it('client-secret-wrong: Basic authentication sent, and neither secret anywhere in the diagnosis', async () => {
    const r = await h.run('client-secret-wrong')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'token.invalid_client', cause: 'client.wrong_secret' } })
    expect(evidenceOf(r)['client authentication sent']).toBe('HTTP Basic (Authorization: Basic …)')
    expect(tokenRequests(r)[0]?.request.headers.authorization).toMatch(/^Basic /)
    const shown = JSON.stringify(r.diagnosis)
    expect(shown).not.toContain('not-the-client-secret')
    expect(shown).not.toContain(SANDBOX_CONFIDENTIAL_SECRET)
  })

  it('id-token-as-access-token: which token was sent, by fingerprint, and where it belongs', async () => {
    const r = await h.run('id-token-as-access-token')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'api.token_confusion', cause: 'api.wrong_token_type' } })
    const idToken = JSON.parse(tokenRequests(r)[0]!.response!.body).id_token as string
    const api = r.exchanges.find((e) => e.step === 'api')!
    expect(api.request.headers.authorization).toBe(`Bearer ${idToken}`)
    const ev = evidenceOf(r)
    expect(ev['token sent']).toBe('the ID token #1')
    expect(ev['fingerprint (SHA-256, first 12)']).toBe(tokenHash(idToken))
    expect(ev['where it belongs']).toBe('the client, to learn who signed in')
  })

  it('bearer-malformed: the shape of the header sent, never the token', async () => {
    const r = await h.run('bearer-malformed')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'api.invalid_request', cause: 'api.bearer_format' } })
    const sent = r.exchanges.find((e) => e.step === 'api')!.request.headers.authorization!
    expect(evidenceOf(r)['Authorization sent']).toBe(`scheme "Bearer", 2 space(s) after it, ${sent.length} characters`)
    expect(evidenceOf(r).problem).toBe('more than one space after "Bearer"')
    expect(JSON.stringify(r.diagnosis)).not.toContain(sent.slice(8))
  })

  it('token-url-is-authorize: the URL called is the authorization endpoint discovery announced', async () => {
    const r = await h.run('token-url-is-authorize')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'http.not_found', cause: 'endpoint.authorize_as_token' } })
    const discovery = JSON.parse(r.exchanges.find((e) => e.step === 'discovery')!.response!.body) as { authorization_endpoint: string; token_endpoint: string }
    const ev = evidenceOf(r)
    expect(ev['URL called']).toBe(discovery.authorization_endpoint)
    expect(ev['authorization endpoint']).toBe(discovery.authorization_endpoint)
    expect(ev['token endpoint (discovery)']).toBe(discovery.token_endpoint)
  })

  it('token-endpoint-unreachable: the host and the port where nothing listens', async () => {
    const r = await h.run('token-endpoint-unreachable')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'network.refused', cause: 'network.down' } })
    const url = new URL(tokenRequests(r)[0]!.request.url)
    expect(evidenceOf(r)).toMatchObject({ host: '127.0.0.1', port: url.port, scheme: 'http' })
  })

  it('https-to-plain-http: the scheme and the TLS error', async () => {
    const r = await h.run('https-to-plain-http')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'network.tls', cause: 'network.tls_to_plain_http' } })
    expect(evidenceOf(r).scheme).toBe('https')
    expect(evidenceOf(r).error).toMatch(/wrong version number/i)
  })

  it('tester-internal-error: an internal-error report without stack trace or secret', async () => {
    const r = await h.run('tester-internal-error')
    expect(r).toMatchObject({ status: 'pass', actual: { code: 'internal.error', cause: 'internal.bug' } })
    const report = evidenceOf(r).report!
    expect(report).toContain('error: TypeError: Self-check: the exchange step failed on purpose while holding verifier [redacted]')
    expect(report).toContain('scenario: tester-internal-error')
    expect(JSON.stringify(r)).not.toMatch(/\n\s+at |\.ts:\d+/)
  })

  it('covers every built-in scenario in this file', () => {
    const tested = ['code-reused', 'pkce-wrong-verifier', 'pkce-verifier-regenerated', 'pkce-missing', 'pkce-challenge-not-base64url', 'state-tampered', 'redirect-uri-trailing-slash', 'redirect-uri-not-registered', 'session-expired', 'refresh-token-replayed', 'access-denied', 'client-auth-missing', 'client-secret-wrong', 'id-token-as-access-token', 'bearer-malformed', 'token-url-is-authorize', 'token-endpoint-unreachable', 'https-to-plain-http', 'tester-internal-error']
    // The vendor scenarios have their own file (vendor-scenarios.test.ts).
    expect(h.lab.list().filter((s) => s.group !== 'vendor').map((s) => s.id).sort()).toEqual([...tested].sort())
  })
})
