import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { explainTokenResponse } from '../../../main/diagnose/explain-token-response'
import { TOKEN_RULES } from '../../../main/diagnose/token-rules'
import { HttpClient, type HttpRequest, type RequestContext } from '../../../main/http/client'
import type { HttpExchange } from '../../../main/http/exchange'
import { codeExchangeRequest } from '../../../main/oauth/token-request'
import { readTokenResponse } from '../../../main/oauth/token-response'
import { systemClock } from '../../../main/clock'
import { EngineHarness } from '../../support/engine-harness'
import { loginThroughSandbox } from '../../support/sandbox-login'

/**
 * A token endpoint that misbehaves in every way we have seen: each answer must become a typed
 * result and a diagnosis, never a throw or a hang. First the reading of one answer, then the
 * same answers through the flow engine (the code exchange) and the token lifecycle (refresh).
 */

/** Answers as a broken or hostile token endpoint would; each path is one way of breaking. */
function hostile(path: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const send = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type })
    res.end(body)
  }
  switch (path) {
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
    case '/503-html':
      return send(503, 'text/html', '<html><body>Service Unavailable</body></html>')
    case '/slow':
      return // never answers
    case '/slow-body':
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"access_token":')
      return // body never finishes
    case '/reset':
      return void req.socket.destroy()
    case '/reset-mid-body':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' })
      res.write('{"access_token":"abc",')
      return void setTimeout(() => req.socket.destroy(), 20)
    case '/redirect':
      res.writeHead(302, { location: '/login' })
      return void res.end()
    case '/huge':
      return send(200, 'application/json', `{"access_token":"${'a'.repeat(2 * 1024 * 1024)}"}`)
    default:
      return send(404, 'text/plain', 'nope')
  }
}

/** Every way of breaking, with what it must become: the response kind and the diagnosis. */
const CASES: [path: string, kind: string, code: string][] = [
  ['/html', 'not-json', 'token.not_json'],
  ['/empty', 'not-json', 'token.not_json'],
  ['/truncated', 'not-json', 'token.not_json'],
  ['/wrong-types', 'malformed', 'token.malformed'],
  ['/array', 'malformed', 'token.malformed'],
  ['/500', 'not-json', 'http.server_error'],
  ['/502-json', 'gateway-error', 'http.server_error'],
  ['/503-html', 'not-json', 'http.server_error'],
  ['/slow', 'network', 'network.timeout'],
  ['/slow-body', 'network', 'network.timeout'],
  ['/reset', 'network', 'network.reset'],
  ['/reset-mid-body', 'network', 'network.reset'],
  ['/redirect', 'not-json', 'token.not_json'],
]

/** A hostile endpoint on 127.0.0.1; `/switch` answers as `switchTo` says (or forwards to the real one). */
class HostileServer {
  base = ''
  switchTo = 'forward'
  forwardTo = ''
  private readonly sockets = new Set<Socket>()
  private readonly server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path !== '/switch') return hostile(path, req, res)
    if (this.switchTo !== 'forward') return hostile(this.switchTo, req, res)
    void this.forward(req, res)
  })

  async start(): Promise<void> {
    this.server.on('connection', (s) => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()))
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((r) => this.server.close(() => r()))
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const upstream = await fetch(this.forwardTo, { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) })
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
    res.end(await upstream.text())
  }
}

/** The real client; requests to the hostile server give up after 400 ms instead of 15 s. */
class QuickGiveUpClient extends HttpClient {
  constructor(private readonly hostileBase: () => string) {
    super(systemClock)
  }

  override send(req: HttpRequest, ctx: RequestContext): Promise<HttpExchange> {
    return super.send(req, req.url.startsWith(this.hostileBase()) ? { ...ctx, timeoutMs: 400 } : ctx)
  }
}

describe('a hostile token endpoint', () => {
  const hostileServer = new HostileServer()
  let base = ''
  beforeAll(async () => {
    await hostileServer.start()
    base = hostileServer.base
  })
  afterAll(() => hostileServer.stop())

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

  it.each(CASES)('%s gives %s and the diagnosis %s', async (path, kind, code) => {
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

describe('a hostile token endpoint, through the flow engine and the token lifecycle', () => {
  const server = new HostileServer()
  const h = new EngineHarness(systemClock, undefined, { http: new QuickGiveUpClient(() => server.base) })
  beforeAll(async () => {
    await server.start()
    server.forwardTo = `${(await h.sandbox.acquire()).issuer}/token`
  })
  afterAll(async () => {
    h.sandbox.release()
    await h.close()
    await server.stop()
  })

  it.each(CASES)('a code exchange answered with %s ends the run as failed with its diagnosis (%s → %s)', async (path, _kind, code) => {
    const id = `hostile${path.replace(/\W/g, '-')}`
    h.addProfile({ id, endpoints: { token: `${server.base}${path}` } })
    const started = await h.engine.start(id)
    if (!started.ok) throw new Error(started.error.message)
    const { redirect } = await loginThroughSandbox(started.value.authorizeUrl!)
    expect((await h.engine.deliver({ url: redirect, method: 'paste' })).outcome).toBe('accepted')
    const run = await h.engine.settled(started.value.id)
    expect(run?.status).toBe('failed')
    expect(run?.diagnoses.map((d) => d.code)).toEqual([code])
    expect(run?.diagnoses[0]?.summary.length).toBeGreaterThan(10)
    expect(run?.steps.find((s) => s.kind === 'token')?.status).toBe('failed')
    // The exchange is there to see, like any other.
    expect(h.tokenRequests(run!.id)).toHaveLength(1)
  })

  it('a refresh answered in each of those ways gives a diagnosis, keeps the tokens, and works again once the server does', async () => {
    server.switchTo = 'forward'
    h.addProfile({ id: 'hostile-refresh', endpoints: { token: `${server.base}/switch` } })
    const run = await h.completeRun('hostile-refresh')
    const id = run.tokens!.id
    for (const [path, , code] of CASES) {
      server.switchTo = path
      const result = await h.tokens.refresh(id)
      if (!result.ok) throw new Error(`${path}: ${result.error.message}`)
      expect(result.value.ok, path).toBe(false)
      expect(result.value.diagnosis?.code, path).toBe(code)
      expect(result.value.diagnosis?.summary.length, path).toBeGreaterThan(10)
      expect(result.value.tokenSet.tokens.find((t) => t.id === 'refresh-1')?.status, path).toBe('current')
      expect(result.value.tokenSet.events.at(-1), path).toMatchObject({ ok: false })
    }
    server.switchTo = 'forward'
    const healed = await h.tokens.refresh(id)
    if (!healed.ok) throw new Error(healed.error.message)
    expect(healed.value.ok).toBe(true)
    expect(healed.value.tokenSet.tokens.find((t) => t.id === 'refresh-2')?.status).toBe('current')
  })
})
