import { describe, expect, it } from 'vitest'
import { CATALOG } from '../../../main/diagnose/catalog'

/**
 * Every failure issue 7 names must have an entry: the troubleshooting guide's list, RFC 6749
 * §4.1.2.1 and §5.2, RFC 6750 §3.1, and the HTTP statuses of the guide's table.
 */
const REQUIRED: Record<string, string[]> = {
  'guide: invalid_request': ['authorize.invalid_request', 'token.invalid_request'],
  'guide: invalid_grant': ['token.invalid_grant'],
  'guide: invalid_client': ['token.invalid_client'],
  'guide: state mismatch': ['callback.state_mismatch'],
  'guide: redirect_uri mismatch': ['redirect_uri.mismatch'],
  'guide: session expired': ['session.expired'],
  'guide: token confusion': ['api.token_confusion'],
  'guide: PKCE validation failed': ['pkce.validation_failed'],
  'guide: OTP required': ['login.otp_required'],
  'guide: 401 after a successful exchange': ['api.unauthorized'],
  'guide: refresh token not working': ['refresh.invalid_grant', 'refresh.rotated_token_replayed', 'refresh.expired', 'refresh.revoked'],
  'guide: access_denied': ['authorize.access_denied'],
  'guide: unauthorized_client': ['authorize.unauthorized_client', 'token.unauthorized_client'],
  'HTTP 400, 401, 403, 404, 498, 499, 500': ['http.bad_request', 'http.unauthorized', 'http.forbidden', 'http.not_found', 'http.invalid_client_key', 'http.missing_client_key', 'http.server_error'],
  'RFC 6749 §4.1.2.1': [
    'authorize.invalid_request',
    'authorize.unauthorized_client',
    'authorize.access_denied',
    'authorize.unsupported_response_type',
    'authorize.invalid_scope',
    'authorize.server_error',
    'authorize.temporarily_unavailable',
  ],
  'RFC 6749 §5.2': ['token.invalid_request', 'token.invalid_client', 'token.invalid_grant', 'token.unauthorized_client', 'token.unsupported_grant_type', 'token.invalid_scope'],
  'RFC 6750 §3.1': ['api.invalid_request', 'api.invalid_token', 'api.insufficient_scope'],
  'evidence-backed refinements': ['code.reused', 'code.expired', 'client.wrong_environment'],
  'network and TLS': ['network.refused', 'network.dns', 'network.timeout', 'network.tls', 'network.reset', 'network.other', 'token.not_json'],
}

describe('the error catalog', () => {
  const entries = CATALOG as Record<string, { title: string; meaning: string; causes: { id: string; text: string }[]; fixes: string[]; restartFrom?: string }>

  it.each(Object.entries(REQUIRED))('has an entry for %s, with meaning, causes, fixes and a restart step', (_name, ids) => {
    for (const id of ids) {
      const entry = entries[id]
      expect(entry, id).toBeDefined()
      expect(entry!.meaning.length, id).toBeGreaterThan(30)
      expect(entry!.causes.length, id).toBeGreaterThan(0)
      expect(entry!.fixes.length, id).toBeGreaterThan(0)
      expect(entry!.restartFrom, `${id} has no restart step`).toMatch(/^(authorize|token|callback|login|api|refresh|discovery|initiate)$/)
    }
  })

  it('has no two entries with the same title', () => {
    const titles = Object.values(entries).map((e) => e.title)
    const repeated = titles.filter((t, i) => titles.indexOf(t) !== i)
    expect(repeated).toEqual([])
  })

  it('has no two causes with the same id inside one entry', () => {
    for (const [id, entry] of Object.entries(entries)) {
      const causeIds = entry.causes.map((c) => c.id)
      expect(new Set(causeIds).size, id).toBe(causeIds.length)
    }
  })

  it('is in our own words, not the guide’s', () => {
    // Sentences lifted from the seed guide must not appear (a few telling ones).
    const guide = ['Verify all required parameters are present', 'Store state in secure session storage', 'Contact admin to whitelist exact redirect URI', 'Using JWT token for API calls']
    const text = JSON.stringify(CATALOG)
    for (const sentence of guide) expect(text).not.toContain(sentence)
  })
})
