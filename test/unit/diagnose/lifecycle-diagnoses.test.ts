import { describe, expect, it } from 'vitest'
import { explainRefreshFailure } from '../../../main/diagnose/explain-refresh'
import { explainResourceCall } from '../../../main/diagnose/explain-resource-call'
import type { HttpExchange } from '../../../main/http/exchange'

const ex = (status: number, body: string, headers: Record<string, string> = {}, reqHeaders: Record<string, string> = {}): HttpExchange => ({
  id: 'ex-1',
  step: 'api',
  startedAt: 0,
  durationMs: 1,
  request: { method: 'GET', url: 'https://api.example/me', headers: reqHeaders },
  response: { status, statusText: '', headers: { 'content-type': 'application/json', ...headers }, body, truncated: false },
})
const invalidGrant = { kind: 'oauth-error' as const, status: 400, error: 'invalid_grant', description: 'grant request is invalid' }

describe('refresh failures', () => {
  it('names each refusal by what the set knew about the token it sent', () => {
    const at = (sent: Parameters<typeof explainRefreshFailure>[1]['sent'], replayedAt?: number) =>
      explainRefreshFailure(invalidGrant, { exchange: ex(400, ''), now: 10_000, sent, trigger: 'manual', ...(replayedAt !== undefined && { replayedAt }) }).code
    expect(at({ label: 'refresh token #1', status: 'superseded', statusAt: 5000, supersededBy: 'refresh-2' })).toBe('refresh.rotated_token_replayed')
    expect(at({ label: 'refresh token #1', status: 'revoked', statusAt: 5000 })).toBe('refresh.revoked')
    expect(at({ label: 'refresh token #1', status: 'current', expiresAt: 9000 })).toBe('refresh.expired')
    expect(at({ label: 'refresh token #2', status: 'current', expiresAt: 99_000 }, 8000)).toBe('refresh.invalid_grant')
  })

  it('leaves other token-endpoint errors to the token explainer', () => {
    const d = explainRefreshFailure({ kind: 'oauth-error', status: 401, error: 'invalid_client' }, { exchange: ex(401, ''), now: 0, sent: { label: 'x', status: 'current' }, trigger: 'auto' })
    expect(d.code).toBe('token.invalid_client')
  })
})

describe('401 from an API', () => {
  const base = { now: 0, target: 'the test API', sentKind: 'access_token' as const, sentLabel: 'the access token #1', token: { status: 'current' }, needsClientKey: false }

  it('confirms a malformed Bearer header and a missing x-client-key from the request as sent', () => {
    const d = explainResourceCall({ ...base, needsClientKey: true, exchange: ex(401, '{"message":"Not authenticated"}', {}, { authorization: 'bearer  abc' }) })
    expect(d.code).toBe('api.unauthorized')
    expect(d.causes.filter((c) => c.likelihood === 'confirmed').map((c) => c.id)).toEqual(['api.bearer_format', 'api.missing_client_key'])
    expect(JSON.stringify(d)).not.toContain('abc')
  })

  it('quotes the server’s challenge when the request looked right', () => {
    const d = explainResourceCall({ ...base, exchange: ex(401, '', { 'www-authenticate': 'Bearer error="invalid_token"' }, { authorization: 'Bearer abc.def' }) })
    expect(d.causes[0]).toMatchObject({ id: 'server.reported', likelihood: 'likely' })
  })

  it('maps other statuses to their catalog entries', () => {
    expect(explainResourceCall({ ...base, exchange: ex(403, '{}') }).code).toBe('http.forbidden')
    expect(explainResourceCall({ ...base, exchange: ex(418, '{}') }).code).toBe('api.failed')
  })
})
