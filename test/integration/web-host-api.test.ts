import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TesterEvent } from '../../shared/contract/events'
import type { RunView } from '../../shared/domain/run'
import { createService, type Service } from '../../main/service'
import { startWebHost, type WebHost } from '../../main/web/server'
import { loginThroughSandbox } from '../support/sandbox-login'

/** The contract over HTTP: what a script does with the web host, against the real service. */
describe('web host API', () => {
  let service: Service
  let host: WebHost
  const token = 'test-launch-token-0123456789abcdefghijklmno'
  const opened: string[] = []

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oft-renderer-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>')
    writeFileSync(join(dir, 'bridge.js'), '/* bridge */')
    service = createService({
      host: 'web',
      version: 'test',
      versions: {},
      openBrowser: async (url) => {
        opened.push(url)
      },
    })
    host = await startWebHost({ service, port: 0, token, rendererDir: dir, bridgeFile: join(dir, 'bridge.js') })
  })
  afterAll(async () => {
    await service.close()
    await host.close()
  })

  const api = (call: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${host.port}/api/${call}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  it('refuses calls without the launch token, with a wrong one, or from a foreign origin', async () => {
    const none = await fetch(`http://127.0.0.1:${host.port}/api/listProfiles`, { method: 'POST', body: '{}' })
    expect(none.status).toBe(401)
    expect(await api('listProfiles', {}, { authorization: `Bearer ${token}x` }).then((r) => r.status)).toBe(401)
    expect(await api('listProfiles', {}, { origin: 'https://evil.example' }).then((r) => r.status)).toBe(403)
    const events = await fetch(`http://127.0.0.1:${host.port}/api/events`)
    expect(events.status).toBe(401)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, path: '/api/listProfiles', method: 'POST', headers: { host: 'evil.example', authorization: `Bearer ${token}` } }, (res) => resolve(res.statusCode ?? 0))
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(421)
  })

  /** A request with exactly these headers (fetch would set Host and may drop Origin). */
  const raw = async (path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string; type: string }> => {
    const http = await import('node:http')
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, path, method, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }))
      })
      req.on('error', reject)
      req.end(method === 'POST' ? '{}' : undefined)
    })
  }

  it('the event stream needs the token and the app’s own Origin, like the calls', async () => {
    const bearer = { authorization: `Bearer ${token}` }
    expect((await fetch(`http://127.0.0.1:${host.port}/api/events`, { headers: { authorization: `Bearer ${token.slice(0, -1)}` } })).status).toBe(401)
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`]) {
      expect((await raw('/api/events', { ...bearer, origin })).status, origin).toBe(403)
      expect((await raw('/api/listProfiles', { ...bearer, origin }, 'POST')).status, origin).toBe(403)
    }
    const own = new AbortController()
    const stream = await fetch(`http://127.0.0.1:${host.port}/api/events`, { headers: { ...bearer, origin: `http://127.0.0.1:${host.port}` }, signal: own.signal })
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    own.abort()
    // A refused request learns nothing: no events, no data, only why.
    const refused = await raw('/api/events', {})
    expect(refused.type).toContain('application/json')
    expect(JSON.parse(refused.body)).toEqual({ ok: false, error: { code: 'unauthorized', message: expect.any(String) } })
  })

  it('static files are public, but only to this host’s name, only by GET, and only from the renderer folder', async () => {
    const page = await raw('/', {})
    expect(page.status).toBe(200)
    expect(page.body).toContain('<script src="/bridge.js"></script>')
    // The launch token travels in the URL fragment, never in what the host serves.
    expect(page.body).not.toContain(token)
    expect((await raw('/bridge.js', {})).status).toBe(200)
    expect((await raw('/no-such-file.js', {})).status).toBe(404)
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await raw(path, {})
      expect(res.status, path).toBe(404)
      expect(res.body, path).not.toContain('root:')
    }
    // A malformed escape is refused, and the host goes on serving.
    expect((await raw('/%E0%A4%A', {})).status).toBeGreaterThanOrEqual(400)
    expect((await raw('/', {})).status).toBe(200)
    expect((await raw('/', { host: 'evil.example' })).status).toBe(421)
    expect((await raw('/bridge.js', { host: `evil.example:${host.port}` })).status).toBe(421)
    expect((await raw('/', {}, 'POST')).status).toBe(405)
  })

  it('has no deep-link delivery route unless started with a deliver token', async () => {
    const res = await raw('/host/deliver', { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, 'POST')
    expect(res.status).toBe(405)
  })

  it('answers calls the contract does not name, and bad JSON, with error values', async () => {
    expect(await api('readSecrets').then((r) => r.json())).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
    const bad = await fetch(`http://127.0.0.1:${host.port}/api/startFlow`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{nope' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('runs a whole flow from a script: POST /api/startFlow and the event stream', async () => {
    const controller = new AbortController()
    const stream = await fetch(`http://127.0.0.1:${host.port}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const events: TesterEvent[] = []
    const reading = (async () => {
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
        if (done) return
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = frame.split('\n').find((l) => l.startsWith('data:'))
          if (data) events.push(JSON.parse(data.slice(5)) as TesterEvent)
        }
      }
    })()

    const started = (await api('startFlow', { profileId: 'local-sandbox' }).then((r) => r.json())) as { ok: true; value: RunView }
    expect(started.ok).toBe(true)
    expect(opened).toContain(started.value.authorizeUrl)
    await loginThroughSandbox(started.value.authorizeUrl!, { followFinal: true })
    await service.engine.settled(started.value.id)
    await new Promise((r) => setTimeout(r, 50))
    controller.abort()
    await reading

    const updates = events.filter((e): e is Extract<TesterEvent, { type: 'run-updated' }> => e.type === 'run-updated' && e.run.id === started.value.id)
    const statuses = [...new Set(updates.map((e) => e.run.status))]
    expect(statuses).toEqual(expect.arrayContaining(['awaiting-callback', 'exchanging', 'succeeded']))
    const last = updates.at(-1)!.run
    expect(last.tokens?.tokens.map((t) => t.kind)).toContain('access_token')
    const got = (await api('getRun', { runId: started.value.id }).then((r) => r.json())) as { value: RunView }
    expect(got.value.status).toBe('succeeded')
  })
})
