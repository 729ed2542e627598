import { describe, expect, it } from 'vitest'
import { explainAuthorizeError } from '../../../main/diagnose/explain-authorize-error'
import { explainTokenResponse } from '../../../main/diagnose/explain-token-response'
import { refineCode } from '../../../main/diagnose/rules/refine'
import { TOKEN_RULES } from '../../../main/diagnose/token-rules'
import { createPkcePair } from '../../../main/oauth/pkce'
import { authorizeUrl, exchange, oauthError } from './fixtures'

const pair = createPkcePair()
const redirect = 'http://127.0.0.1/callback'
const evidence = (body: Record<string, string>) => ({
  step: 'token',
  now: 0,
  authorizeUrl: authorizeUrl({ code_challenge: pair.challenge, code_challenge_method: 'S256', redirect_uri: redirect }),
  exchange: exchange({ body: { grant_type: 'authorization_code', code: 'c', redirect_uri: redirect, code_verifier: pair.verifier, ...body } }),
  storedVerifier: pair.verifier,
})

describe('explaining a refused code exchange', () => {
  it('names the failure the evidence proves, keeps the server’s words, and lists no cause twice', () => {
    const d = explainTokenResponse(oauthError('invalid_grant', 400, 'grant request is invalid'), evidence({ code_verifier: createPkcePair().verifier }), TOKEN_RULES, 0)
    expect(d.code).toBe('pkce.validation_failed')
    expect(d.title).toBe('PKCE validation failed')
    expect(d.summary).toContain('`invalid_grant`: “grant request is invalid”')
    expect(d.causes[0]?.id).toBe('pkce.mismatch.verifier_regenerated')
    expect(d.causes.filter((c) => c.id === 'pkce.mismatch.verifier_regenerated')).toHaveLength(1)
    expect(d.restartFrom).toBe('authorize')
  })

  it('names a redirect URI mismatch and puts the server’s log after the evidence', () => {
    const d = explainTokenResponse(
      oauthError('invalid_grant'),
      { ...evidence({ redirect_uri: `${redirect}/` }), serverLog: [{ at: 0, error: 'invalid_grant', detail: 'authorization code redirect_uri mismatch' }] },
      TOKEN_RULES,
      0,
    )
    expect(d.code).toBe('redirect_uri.mismatch')
    expect(d.causes.map((c) => c.id).slice(0, 2)).toEqual(['redirect_uri.trailing_slash', 'server.says'])
  })

  it('keeps the server’s error when nothing in the evidence explains it', () => {
    const d = explainTokenResponse(oauthError('invalid_grant'), evidence({}), TOKEN_RULES, 0)
    expect(d.code).toBe('token.invalid_grant')
    expect(d.causes.every((c) => c.likelihood === 'possible')).toBe(true)
  })

  it('maps gateway statuses to their entries', () => {
    const gateway = (status: number) => explainTokenResponse({ kind: 'gateway-error', status, message: 'x' }, evidence({}), TOKEN_RULES, 0).code
    expect([gateway(400), gateway(498), gateway(499), gateway(500)]).toEqual(['http.bad_request', 'http.invalid_client_key', 'http.missing_client_key', 'http.server_error'])
  })
})

describe('refinement', () => {
  const c = (id: string, likelihood: 'confirmed' | 'likely' | 'possible') => ({ id, text: '', likelihood, evidence: [] })
  it('only replaces a generic answer, and only on strong enough evidence', () => {
    expect(refineCode('token.invalid_grant', [c('code.reused', 'confirmed')])).toBe('code.reused')
    expect(refineCode('token.invalid_grant', [c('code.expired', 'likely')])).toBe('code.expired')
    expect(refineCode('token.invalid_grant', [c('pkce.mismatch', 'likely')])).toBe('token.invalid_grant')
    expect(refineCode('token.unsupported_grant_type', [c('pkce.mismatch', 'confirmed')])).toBe('token.unsupported_grant_type')
    expect(refineCode('token.invalid_grant', [])).toBe('token.invalid_grant')
  })
})

describe('an error redirect', () => {
  it('puts a missing PKCE challenge before the server’s words', () => {
    const d = explainAuthorizeError({ error: 'invalid_request', errorDescription: 'PKCE required' }, 0, { authorizeUrl: authorizeUrl({ state: 's' }) })
    expect(d.code).toBe('authorize.invalid_request')
    expect(d.causes.map((c) => [c.id, c.likelihood]).slice(0, 2)).toEqual([
      ['authorize.missing_pkce', 'confirmed'],
      ['server.reported', 'likely'],
    ])
  })
})
