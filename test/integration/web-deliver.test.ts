import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TesterEvent } from '../../shared/contract/events'
import { createService, type Service } from '../../main/service'
import { deliverToRunningHost, DELIVER_PATH } from '../../main/web/deliver'
import { runtimeFilePath, writeRuntimeFile } from '../../main/web/runtime-file'
import { startWebHost, type WebHost } from '../../main/web/server'
import { loginThroughSandbox } from '../support/sandbox-login'

/** The web host's stand-in for the OS handing over a deep link: runtime file + /host/deliver. */
describe('web host deep-link delivery', () => {
  let service: Service
  let host: WebHost
  let runtimeFile: string
  const token = 'launch-token-0123456789abcdefghijklmnopqrstu'
  const deliverToken = 'deliver-token-0123456789abcdefghijklmnopqrs'
  const events: TesterEvent[] = []

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oft-renderer-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>')
    service = createService({ host: 'web', version: 'test', versions: {}, openBrowser: async () => undefined })
    service.events.subscribe((e) => events.push(e))
    host = await startWebHost({ service, port: 0, token, deliverToken, rendererDir: dir, bridgeFile: join(dir, 'index.html') })
    runtimeFile = runtimeFilePath({ OFT_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'oft-rt-')) })
    writeRuntimeFile(runtimeFile, { port: host.port, deliverToken, pid: process.pid })
  })
  afterAll(async () => {
    await service.close()
    await host.close()
  })

  const post = (headers: Record<string, string>, body: unknown = { url: 'dev.oauthflowtester:/callback?code=a&state=b' }) =>
    fetch(`http://127.0.0.1:${host.port}${DELIVER_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

  it('opens only with the deliver token: not without one, not with the page’s launch token, never from a page', async () => {
    expect((await post({})).status).toBe(401)
    expect((await post({ authorization: `Bearer ${token}` })).status).toBe(401)
    expect((await post({ authorization: `Bearer ${deliverToken}`, origin: `http://127.0.0.1:${host.port}` })).status).toBe(403)
    expect((await post({ authorization: `Bearer ${deliverToken}` }, { nope: 1 })).status).toBe(400)
    expect((await post({ authorization: `Bearer ${deliverToken}`, origin: 'https://evil.example' })).status).toBe(403)
    expect((await post({ authorization: `Bearer ${deliverToken}`, origin: 'null' })).status).toBe(403)
    // The deliver token opens that route only: not the contract, not the event stream.
    const api = await fetch(`http://127.0.0.1:${host.port}/api/listProfiles`, { method: 'POST', headers: { authorization: `Bearer ${deliverToken}` }, body: '{}' })
    expect(api.status).toBe(401)
    expect((await fetch(`http://127.0.0.1:${host.port}/api/events`, { headers: { authorization: `Bearer ${deliverToken}` } })).status).toBe(401)
    // And the page's token cannot reach it as a contract call either.
    const viaContract = await fetch(`http://127.0.0.1:${host.port}/api/deliverDeepLink`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' })
    expect(await viaContract.json()).toMatchObject({ ok: false, error: { code: 'unknown-call' } })
  })

  it('hands a run’s deep link to the inbox as method deep-link, and says so to the caller', async () => {
    const started = await service.dispatch('startFlow', { profileId: 'local-sandbox', options: { capture: 'deep-link' } })
    if (!started.ok) throw new Error(started.error.message)
    const run = started.value as { id: string; authorizeUrl: string }
    const { redirect } = await loginThroughSandbox(run.authorizeUrl)
    const first = await deliverToRunningHost(redirect, runtimeFile)
    expect(first).toMatchObject({ exitCode: 0, result: { outcome: 'accepted', runId: run.id } })
    const again = await deliverToRunningHost(redirect, runtimeFile)
    expect(again).toMatchObject({ exitCode: 1, result: { outcome: 'duplicate' } })
    const done = await service.engine.settled(run.id)
    expect(done).toMatchObject({ status: 'succeeded', capture: { method: 'deep-link' } })
    // The duplicate reached the page as a notice too, since a deep link has no page of its own.
    expect(events.some((e) => e.type === 'notice' && e.message.startsWith('Duplicate redirect via deep-link'))).toBe(true)
  })

  it('says when no host is running', async () => {
    const missing = runtimeFilePath({ OFT_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'oft-rt-')) })
    expect(await deliverToRunningHost('dev.oauthflowtester:/callback?code=a', missing)).toMatchObject({ exitCode: 3 })
  })

  it('rejects startFlow options out of range before anything starts', async () => {
    expect(await service.dispatch('startFlow', { profileId: 'local-sandbox', options: { sessionSeconds: 1 } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await service.dispatch('startFlow', { profileId: 'local-sandbox', options: { capture: 'carrier-pigeon' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await service.dispatch('startFlow', { profileId: 'local-sandbox', options: { sessionSeconds: 60, extra: true } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})
