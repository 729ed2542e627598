import { describe, expect, it } from 'vitest'
import { redactExchange, redactUrl } from '../../../main/http/redact'
import type { HttpExchange } from '../../../main/http/exchange'

const SECRET = 'S3cr3t-Value-Xyz'

describe('redaction', () => {
  const ex: HttpExchange = {
    id: '1',
    step: 'token',
    startedAt: 0,
    durationMs: 1,
    request: {
      method: 'POST',
      url: 'https://as.example/token?access_token=abcdefghijklmnopqrstuvwxyz',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-secret-key': SECRET, authorization: 'Basic Y2lkOnNlY3JldA==' },
      body: `grant_type=authorization_code&code=CODE-1234567890-abcdef&code_verifier=vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv&client_secret=${SECRET}&password=hunter2`,
    },
    response: {
      status: 400,
      statusText: '',
      headers: { 'content-type': 'application/json', 'set-cookie': 'sid=1' },
      body: `{"error":"invalid_client","error_description":"secret ${SECRET} is wrong","refresh_token":"rrrrrrrrrrrrrrrrrrrrrrrrrr"}`,
      truncated: false,
    },
  }

  it('removes secrets entirely and masks tokens and codes', () => {
    const out = JSON.stringify(redactExchange(ex, [SECRET]))
    expect(out).not.toContain(SECRET)
    expect(out).not.toContain('hunter2')
    expect(out).not.toContain('Y2lkOnNlY3JldA==')
    expect(out).not.toContain('CODE-1234567890-abcdef')
    expect(out).not.toContain('rrrrrrrrrrrrrrrrrrrrrrrrrr')
    expect(out).not.toContain('sid=1')
    expect(out).toContain('grant_type=authorization_code')
    expect(out).toContain('invalid_client')
  })

  it('keeps the scheme of a bearer token and a short head to tell tokens apart', () => {
    const out = redactExchange({ ...ex, request: { ...ex.request, headers: { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.payload.signature' } } }, [])
    expect(out.request.headers.authorization).toBe('Bearer eyJhbG…ture')
  })

  it('masks tokens in URLs and drops credentials in them', () => {
    const url = redactUrl('https://user:pw@as.example/cb?code=0123456789abcdefghij&state=keep', [])
    expect(url).not.toContain('pw@')
    expect(url).not.toContain('0123456789abcdefghij')
    expect(url).toContain('state=keep')
  })

  it('does not touch the original', () => {
    redactExchange(ex, [SECRET])
    expect(ex.request.body).toContain(SECRET)
  })
})
