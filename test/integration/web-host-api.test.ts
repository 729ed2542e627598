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
