import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { explainTokenResponse } from '../../../main/diagnose/explain-token-response'
import { TOKEN_RULES } from '../../../main/diagnose/token-rules'
import { HttpClient } from '../../../main/http/client'
import { codeExchangeRequest } from '../../../main/oauth/token-request'
import { readTokenResponse } from '../../../main/oauth/token-response'
import { systemClock } from '../../../main/clock'

/**
 * A token endpoint that misbehaves in every way we have seen: each answer must become a typed
 * result and a diagnosis, never a throw or a hang.
 */
describe('a hostile token endpoint', () => {
  let base = ''
  const sockets = new Set<import('node:net').Socket>()
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type })
      res.end(body)
    }
    switch (req.url) {
      case '/html':
        return send(200, 'text/html', '<!doctype html><html><body><h1>Corporate proxy: please sign in</h1></body></html>')
      case '/empty':
        return send(200, 'application/json', '')
      case '/truncated':
        return send(200, 'application/json', '{"access_token":"abc","expires_in":36')
      case '/wrong-types':
        return send(200, 'application/json', '{"access_token":42,"expires_in":"soon"}')
      case '/array':
        return send(200, 'application/json', '[1,2,3]')
      case '/500':
        return send(500, 'text/plain', 'Internal Server Error')
      case '/502-json':
        return send(502, 'application/json', '{"message":"Bad gateway"}')
      case '/slow':
        return // never answers
      case '/slow-body':
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"access_token":')
        return // body never finishes
      case '/reset':
        return req.socket.destroy()
      case '/redirect':
        res.writeHead(302, { location: '/login' })
        return res.end()
      case '/huge':
        return send(200, 'application/json', `{"access_token":"${'a'.repeat(2 * 1024 * 1024)}"}`)
      default:
        return send(404, 'text/plain', 'nope')
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((r) => server.close(() => r()))
  })

  const http1 = new HttpClient(systemClock)
  async function exchange(path: string) {
    const req = codeExchangeRequest(
      { endpoint: `${base}${path}`, credentials: { method: 'none', clientId: 'c' } },
      { code: 'code-value', redirectUri: 'http://127.0.0.1/cb', codeVerifier: 'v'.repeat(43) },
    )
    const ex = await http1.send(req, { step: 'token', timeoutMs: 500 })
    const response = readTokenResponse(ex)
    const diagnosis = response.kind === 'tokens' ? undefined : explainTokenResponse(response, { step: 'token', exchange: ex, now: Date.now() }, TOKEN_RULES, Date.now())
    return { ex, response, diagnosis }
  }

  it.each([
    ['/html', 'not-json', 'token.not_json'],
    ['/empty', 'not-json', 'token.not_json'],
    ['/truncated', 'not-json', 'token.not_json'],
    ['/wrong-types', 'malformed', 'token.malformed'],
    ['/array', 'malformed', 'token.malformed'],
    ['/500', 'not-json', 'http.server_error'],
    ['/502-json', 'gateway-error', 'http.server_error'],
    ['/slow', 'network', 'network.timeout'],
    ['/slow-body', 'network', 'network.timeout'],
    ['/reset', 'network', 'network.reset'],
    ['/redirect', 'not-json', 'token.not_json'],
  ])('%s gives %s and the diagnosis %s', async (path, kind, code) => {
    const { response, diagnosis } = await exchange(path)
    expect(response.kind).toBe(kind)
    expect(diagnosis?.code).toBe(code)
    expect(diagnosis?.summary.length).toBeGreaterThan(10)
  })

  it('cuts a body larger than 1 MB and says so', async () => {
    const { ex, response } = await exchange('/huge')
    expect(ex.response?.truncated).toBe(true)
    expect(ex.response?.body.length).toBeLessThanOrEqual(1024 * 1024)
    expect(response.kind).toBe('not-json')
  })

  it('says where a redirecting token endpoint points', async () => {
    const { diagnosis } = await exchange('/redirect')
    expect(diagnosis?.causes[0]).toMatchObject({ id: 'endpoint.redirected', evidence: expect.arrayContaining([{ label: 'redirected to', value: '/login' }]) })
  })

  it('shows the HTML page a proxy answered with, so the tester sees who answered', async () => {
    const { diagnosis } = await exchange('/html')
    expect(diagnosis?.summary).toContain('Corporate proxy')
    expect(diagnosis?.causes[0]?.id).toBe('endpoint.proxy_page')
  })
})
