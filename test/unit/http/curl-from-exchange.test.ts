import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { curlFromRedacted } from '../../../main/http/curl-from-exchange'
import type { HttpExchange } from '../../../main/http/exchange'
import { redactExchange } from '../../../main/http/redact'
import { maskToken } from '../../../shared/mask'

/** Runs the command in a real bash with `curl` replaced by a function that prints its arguments. */
function argsOf(command: string, env: Record<string, string>): string[] {
  const out = execFileSync('bash', ['-c', `curl() { printf '%s\\0' "$@"; }\n${command}`], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  return out.toString('utf8').split('\0').slice(0, -1)
}

const SECRET = 'REAL-client-secret-value-99'
const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.real-signature-value'
const at = Date.UTC(2026, 0, 1)
const raw = (request: HttpExchange['request']): HttpExchange => ({ id: 'x', step: 'token', startedAt: at, durationMs: 5, request })

describe('curl from any recorded exchange', () => {
  it('writes a Basic client secret, the code and the verifier as variables, and bash sends them as given', () => {
    const ex = redactExchange(
      raw({
        method: 'POST',
        url: 'http://127.0.0.1:4000/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`acme:${SECRET}`).toString('base64')}`, 'user-agent': 'OAuthFlowTester/1' },
        body: 'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      }),
      [SECRET],
    )
    const { curl, variables } = curlFromRedacted(ex, { clientId: 'acme', secrets: [SECRET] })
    expect(variables.sort()).toEqual(['AUTHORIZATION_CODE', 'CLIENT_SECRET', 'CODE_VERIFIER'])
    expect(curl).not.toContain(SECRET)
    expect(curl).not.toContain('[redacted]')
    expect(curl).not.toContain('user-agent')
    expect(argsOf(curl, { CLIENT_SECRET: 's3cr3t', AUTHORIZATION_CODE: 'the code', CODE_VERIFIER: 'v' })).toEqual([
      '-sS', '-X', 'POST', 'http://127.0.0.1:4000/token',
      '-H', 'content-type: application/x-www-form-urlencoded',
      '-u', 'acme:s3cr3t',
      '--data-urlencode', 'grant_type=authorization_code',
      '--data-urlencode', 'code=the code',
      '--data-urlencode', 'redirect_uri=http://127.0.0.1:5000/callback',
      '--data-urlencode', 'code_verifier=v',
    ])
  })

  it('names a token it knows (Bearer, or in a body) and a secret header after the header', () => {
    const ex = redactExchange(
      raw({ method: 'POST', url: 'https://api.example/v1/revoke?token_type_hint=access_token', headers: { authorization: `Bearer ${ACCESS}`, 'x-client-key': 'ck-public', 'x-secret-key': SECRET, 'content-type': 'application/json' }, body: JSON.stringify({ token: ACCESS, password: 'pw-123456', note: 'kept' }) }),
      [SECRET],
    )
    const { curl, variables } = curlFromRedacted(ex, { secretHeaders: ['X-Secret-Key'], knownTokens: new Map([[maskToken(ACCESS), 'ACCESS_TOKEN']]) })
    expect(variables.sort()).toEqual(['ACCESS_TOKEN', 'PASSWORD', 'X_SECRET_KEY'])
    const args = argsOf(curl, { ACCESS_TOKEN: 'AT', X_SECRET_KEY: 'XS', PASSWORD: 'PW' })
    expect(args).toContain('authorization: Bearer AT')
    expect(args).toContain('x-client-key: ck-public')
    expect(args).toContain('x-secret-key: XS')
    expect(JSON.parse(args.at(-1)!)).toEqual({ token: 'AT', password: 'PW', note: 'kept' })
    expect(args[3]).toBe('https://api.example/v1/revoke?token_type_hint=access_token')
  })

  it('a token in the query becomes a variable; one it does not know is named by the field', () => {
    const ex = redactExchange(raw({ method: 'GET', url: 'http://127.0.0.1:4000/cb?code=abcdefghijklmnopqrstu&state=xyz', headers: { authorization: 'Bearer someone-elses-token-0123456789' } }), [])
    const { curl, variables } = curlFromRedacted(ex)
    expect(variables.sort()).toEqual(['AUTHORIZATION_CODE', 'BEARER_TOKEN'])
    const args = argsOf(curl, { AUTHORIZATION_CODE: 'C0DE', BEARER_TOKEN: 'B' })
    expect(args[3]).toBe('http://127.0.0.1:4000/cb?code=C0DE&state=xyz')
    expect(args).toContain('authorization: Bearer B')
  })

  it('without a client id, Basic asks for both', () => {
    const ex = redactExchange(raw({ method: 'POST', url: 'http://x/token', headers: { authorization: 'Basic YTpi' } }), [])
    const { curl, variables } = curlFromRedacted(ex)
    expect(variables.sort()).toEqual(['CLIENT_ID', 'CLIENT_SECRET'])
    expect(argsOf(curl, { CLIENT_ID: 'id', CLIENT_SECRET: 'sec' })).toContain('id:sec')
  })
})
