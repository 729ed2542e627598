import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { explainTokenResponse } from '../../../main/diagnose/explain-token-response'
import { TOKEN_RULES } from '../../../main/diagnose/token-rules'
import type { HttpExchange } from '../../../main/http/exchange'
import { readTokenResponse } from '../../../main/oauth/token-response'

const KINDS = ['tokens', 'oauth-error', 'gateway-error', 'not-json', 'malformed', 'network']

/** JSON-ish bodies a broken or hostile server might send, plus plain junk. */
const body = fc.oneof(
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ access_token: fc.anything(), expires_in: fc.anything(), refresh_token: fc.anything(), error: fc.anything() }).map((o) => JSON.stringify(o)),
  fc.string().map((s) => `<html>${s}</html>`),
  fc.json().map((s) => s.slice(0, Math.max(0, s.length - 3))),
)

describe('token responses, whatever the server sends', () => {
  it('always become a typed result and a diagnosis, never a throw', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 100, max: 599 }), fc.constantFrom('application/json', 'text/html', '', 'text/plain; charset=utf-8'), (text, status, type) => {
        const ex: HttpExchange = {
          id: 'x',
          step: 'token',
          startedAt: 0,
          durationMs: 1,
          request: { method: 'POST', url: 'https://as.example/token', headers: {}, body: 'grant_type=authorization_code' },
          response: { status, statusText: '', headers: { 'content-type': type }, body: text, truncated: false },
        }
        const response = readTokenResponse(ex)
        expect(KINDS).toContain(response.kind)
        if (response.kind !== 'tokens') {
          const d = explainTokenResponse(response, { step: 'token', exchange: ex, now: 0 }, TOKEN_RULES, 0)
          expect(d.code).toMatch(/^[a-z_]+\.[a-z_]+$/)
          expect(d.summary.length).toBeGreaterThan(0)
        } else {
          expect(typeof response.tokens.accessToken).toBe('string')
        }
      }),
      { numRuns: 5000 },
    )
  })
})
