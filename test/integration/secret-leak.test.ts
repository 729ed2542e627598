import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SaveResult } from '../../shared/contract/profile-calls'
import type { ProfileDraftInput, ProfileSummary } from '../../shared/domain/profile'
import type { RunView } from '../../shared/domain/run'
import { systemClock } from '../../main/clock'
import { fileStorage } from '../../main/profiles/storage/open-storage'
import { SANDBOX_CONFIDENTIAL_CLIENT, SANDBOX_CONFIDENTIAL_SECRET, SANDBOX_PUBLIC_CLIENT } from '../../main/sandbox/oidc/oidc-sandbox'
import { createService, type Service } from '../../main/service'
import { startWebHost, type WebHost } from '../../main/web/server'
import { ipcClient, webClient, webEvents, type RecordingClient } from '../support/contract-clients'
import { loginThroughSandbox } from '../support/sandbox-login'
import { filesUnder, tempDir } from '../support/temp-dir'

/**
 * Distinctive secret values go into profiles; successful and failing runs, exports and every
 * other call cross the contract of both hosts. Every answer, every event and every file
 * written is then searched: the secrets may appear nowhere, in no encoding, and on disk only
 * as ciphertext inside the vault.
 */
const WRONG_SECRET = 'LEAK-CANARY-wrong-client-secret-7f3a9c'
const X_SECRET = 'LEAK-CANARY-x-secret-key-51d2e8'
const PASSWORD = 'LEAK-CANARY-password-0b6e44'
const SECRETS = [SANDBOX_CONFIDENTIAL_SECRET, WRONG_SECRET, X_SECRET, PASSWORD]

/** Every way a secret could show up: raw, base64 (Basic auth), URL- and form-encoded. */
function encodings(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url')]
  for (const client of [SANDBOX_CONFIDENTIAL_CLIENT, SANDBOX_PUBLIC_CLIENT]) {
    forms.push(Buffer.from(`${client}:${secret}`).toString('base64'))
  }
  // Base64 of a longer text containing the secret still shows most of it at some alignment.
  return [...new Set(forms)].filter((f) => f.length >= 8)
}

describe('secrets never leak', () => {
  const data = tempDir('oft-leak-')
  let service: Service
  let host: WebHost
  let web: RecordingClient
  let ipc: ReturnType<typeof ipcClient>
  let sse: Awaited<ReturnType<typeof webEvents>>
  const events: string[] = []
  const dispatched: string[] = []
  const token = 'leak-test-launch-token-0123456789abcdefghij'

  beforeAll(async () => {
    service = createService({
      host: 'web',
      version: 'test',
      versions: {},
      storage: fileStorage(data.path, systemClock),
      openBrowser: async () => undefined,
    })
    // Everything either host binds: the dispatcher's answers and the event hub's events.
    const dispatch = service.dispatch
    service.dispatch = async (name, input) => {
      const answer = await dispatch(name, input)
      dispatched.push(JSON.stringify(answer))
      return answer
    }
    service.events.subscribe((e) => events.push(JSON.stringify(e)))
    const renderer = mkdtempSync(join(tmpdir(), 'oft-renderer-'))
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body>app</body></html>')
    writeFileSync(join(renderer, 'bridge.js'), '/* bridge */')
    host = await startWebHost({ service, port: 0, token, rendererDir: renderer, bridgeFile: join(renderer, 'bridge.js') })
    web = webClient(host.port, token)
    ipc = ipcClient(service)
    sse = await webEvents(host.port, token)
  })
  afterAll(async () => {
    await sse.stop()
    await service.close()
    await host.close()
    data.remove()
  })

  const save = async (client: RecordingClient, profile: ProfileDraftInput, secrets: Record<string, string>): Promise<ProfileSummary> => {
    const r = await client.call<SaveResult>('saveProfile', { profile, secrets })
    if (!r.ok || !r.value.saved || !r.value.profile) throw new Error(`save failed: ${JSON.stringify(r)}`)
    return r.value.profile
  }
  const run = async (client: RecordingClient, profileId: string): Promise<RunView> => {
    const started = await client.call<RunView>('startFlow', { profileId })
    if (!started.ok) throw new Error(started.error.message)
    await loginThroughSandbox(started.value.authorizeUrl!, { followFinal: true })
    return (await service.engine.settled(started.value.id))!
  }

  it('runs the whole scenario through both hosts, and finds the secrets only sealed in the vault', async () => {
    const confidential = { name: 'Confidential', environment: 'sandbox', embedded: 'oidc-sandbox', clientId: SANDBOX_CONFIDENTIAL_CLIENT, clientAuth: 'client_secret_basic', scopes: 'openid' } as const
    const good = await save(web, confidential, { clientSecret: SANDBOX_CONFIDENTIAL_SECRET })
    const bad = await save(ipc, { ...confidential, name: 'Confidential, wrong secret', clientAuth: 'client_secret_post' }, { clientSecret: WRONG_SECRET })
    const headers = await save(
      web,
      { name: 'Header auth', environment: 'sandbox', embedded: 'oidc-sandbox', clientId: SANDBOX_PUBLIC_CLIENT, clientAuth: 'headers', clientHeaders: { 'x-client-key': SANDBOX_PUBLIC_CLIENT }, secretHeaders: ['x-secret-key'], scopes: 'openid' },
      { 'x-secret-key': X_SECRET },
    )
    const vendor = await save(
      ipc,
      { name: 'Vendor API mode', environment: 'sandbox', flow: 'vendor-api', apiBaseUrl: 'https://dev.api.baanx.com', clientId: 'ck', clientAuth: 'headers', clientHeaders: { 'x-client-key': 'ck' }, secretHeaders: ['x-secret-key'], scopes: '' },
      { 'x-secret-key': X_SECRET, password: PASSWORD },
    )
    expect(vendor.secrets).toEqual({ 'x-secret-key': 'set', password: 'set' })
    expect((await web.call('setSecret', { profileId: bad.id, name: 'clientSecret', value: WRONG_SECRET })).ok).toBe(true)
    expect((await ipc.call('validateProfile', { profile: { ...confidential, name: 'x' }, pendingSecrets: ['clientSecret'] })).ok).toBe(true)

    // A successful run (basic auth), one with header auth, and a failing one (wrong secret, post).
    const goodRun = await run(web, good.id)
    expect(goodRun.status).toBe('succeeded')
    const headersRun = await run(ipc, headers.id)
    expect(headersRun.status).toBe('succeeded')
    const failed = await run(ipc, bad.id)
    expect(failed.status).toBe('failed')
    expect(failed.diagnoses[0]?.code).toMatch(/invalid_client|client/)

    for (const client of [web, ipc]) {
      for (const p of [good, bad, headers, vendor]) expect((await client.call('getProfile', { id: p.id })).ok).toBe(true)
      await client.call('listProfiles')
      await client.call('listRuns')
      await client.call('getRun', { runId: failed.id })
      await client.call('getStorageStatus')
      const exported = await client.call<{ json: string }>('exportProfiles')
      expect(exported.ok && exported.value.json).toContain('Vendor API mode')
    }
    const exported = await web.call<{ json: string }>('exportProfiles', { ids: [good.id, bad.id, headers.id, vendor.id] })
    const imported = await ipc.call<{ imported: { secretsToEnter: string[] }[] }>('importProfiles', { json: exported.ok ? exported.value.json : '' })
    expect(imported.ok && imported.value.imported.map((i) => i.secretsToEnter)).toEqual([['clientSecret'], ['clientSecret'], ['x-secret-key'], ['x-secret-key', 'password']])
    expect((await ipc.call('duplicateProfile', { id: good.id })).ok).toBe(true)
    const sandbox = await service.sandbox.acquire()
    expect((await web.call('fillFromIssuer', { issuer: sandbox.issuer })).ok).toBe(true)
    service.sandbox.release()
    // The evidence of every run through both hosts: history, exchanges, curl of each exchange,
    // HAR, the comparison and the support bundle (issue 8).
    const variables = new Set<string>()
    for (const client of [web, ipc]) {
      expect((await client.call<{ entries: unknown[] }>('listHistory')).ok).toBe(true)
      for (const r of [goodRun, headersRun, failed]) {
        expect((await client.call('getHistoryRun', { runId: r.id })).ok).toBe(true)
        const exchanges = await client.call<{ id: string }[]>('listRunExchanges', { runId: r.id })
        if (!exchanges.ok) throw new Error(exchanges.error.message)
        expect(exchanges.value.length).toBeGreaterThan(0)
        for (const ex of exchanges.value) {
          const curl = await client.call<{ curl: string; variables: string[] }>('exchangeAsCurl', { exchangeId: ex.id })
          if (curl.ok) curl.value.variables.forEach((v) => variables.add(v))
          else throw new Error(curl.error.message)
        }
        const har = await client.call<{ text: string }>('exportHar', { runId: r.id })
        expect(har.ok && har.value.text).toContain('"version": "1.2"')
        const bundle = await client.call<{ json: { text: string }; markdown: { text: string } }>('previewSupportBundle', { runId: r.id, userAgent: 'leak-test' })
        expect(bundle.ok && bundle.value.json.text).toContain('"har"')
      }
      expect((await client.call('compareRuns', { leftRunId: goodRun.id, rightRunId: failed.id })).ok).toBe(true)
      expect((await client.call('compareRuns', { leftRunId: headersRun.id, rightRunId: goodRun.id })).ok).toBe(true)
    }
    // The curl commands stand the secrets in as variables; the scan below shows the values are not there.
    expect([...variables]).toEqual(expect.arrayContaining(['CLIENT_SECRET', 'X_SECRET_KEY', 'AUTHORIZATION_CODE', 'CODE_VERIFIER']))

    expect((await web.call('deleteProfile', { id: vendor.id })).ok).toBe(true)
    await new Promise((r) => setTimeout(r, 50))

    // What crossed the contract, in each host's own transport, and what the hub emitted.
    const crossed = [...web.received, ...sse.received, ...ipc.received, ...dispatched, ...events]
    expect(crossed.length).toBeGreaterThan(40)
    expect(sse.received.join('')).toContain('run-updated')
    for (const secret of SECRETS) {
      for (const form of encodings(secret)) {
        const hits = crossed.filter((text) => text.includes(form))
        expect(hits.map((h) => h.slice(0, 200)), `“${form}” crossed the contract`).toEqual([])
      }
    }

    // Every file written: the secrets appear in none, in no encoding, not even in the vault.
    service.history.flush()
    const files = filesUnder(data.path)
    expect(files.map((f) => f.name).sort()).toEqual(['history.json', 'history.last-good.json', 'profiles.json', 'profiles.last-good.json', 'secrets.json', 'secrets.last-good.json', 'vault.key'])
    const history = JSON.parse(readFileSync(join(data.path, 'history.json'), 'utf8')) as { records: { run: { id: string } }[] }
    expect(history.records.map((r) => r.run.id)).toEqual(expect.arrayContaining([goodRun.id, headersRun.id, failed.id]))
    for (const file of files) {
      const text = file.bytes.toString('latin1')
      for (const secret of SECRETS) for (const form of encodings(secret)) expect(text.includes(form), `${form} in ${file.name}`).toBe(false)
      expect(file.mode & 0o077).toBe(0)
    }
    // …yet they are in the vault, sealed: the engine can read them back.
    const vault = JSON.parse(readFileSync(join(data.path, 'secrets.json'), 'utf8'))
    expect(Object.keys(vault.entries[good.id])).toEqual(['clientSecret'])
    expect(service.storage.vault.values(good.id)).toEqual({ clientSecret: SANDBOX_CONFIDENTIAL_SECRET })
    expect(service.storage.vault.values(headers.id)).toEqual({ 'x-secret-key': X_SECRET })
    // The deleted profile's secrets are gone with it.
    expect(vault.entries[vendor.id]).toBeUndefined()
  })
})
