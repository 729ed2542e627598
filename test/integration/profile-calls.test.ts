import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ImportResult, IssuerReport, SaveResult, StorageStatus } from '../../shared/contract/profile-calls'
import type { ProfileDraft, ProfileSummary } from '../../shared/domain/profile'
import type { RunView } from '../../shared/domain/run'
import { systemClock } from '../../main/clock'
import { fileStorage } from '../../main/profiles/storage/open-storage'
import { SANDBOX_PUBLIC_CLIENT } from '../../main/sandbox/oidc/oidc-sandbox'
import { SandboxManager } from '../../main/sandbox/sandbox-manager'
import { createService, type Service } from '../../main/service'
import { loginThroughSandbox } from '../support/sandbox-login'
import { tempDir } from '../support/temp-dir'

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

/** The profile calls through the real service, on real files, against the real sandbox. */
describe('profile calls', () => {
  const sandbox = new SandboxManager(systemClock)
  let data: ReturnType<typeof tempDir>
  let service: Service
  const opened: string[] = []

  const start = (): Service =>
    createService({
      host: 'web',
      version: 'test',
      versions: {},
      storage: fileStorage(data.path, systemClock),
      sandbox: {},
      openBrowser: async (url) => {
        opened.push(url)
      },
    })
  async function call<T>(name: string, input: unknown = {}): Promise<T> {
    const answer = (await service.dispatch(name, input)) as Answer<T>
    if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`)
    return answer.value
  }
  const attempt = (name: string, input: unknown = {}) => service.dispatch(name, input) as Promise<Answer<unknown>>
  async function restart(): Promise<void> {
    await service.close()
    service = start()
  }

  beforeAll(async () => {
    await sandbox.acquire()
  })
  afterAll(async () => {
    sandbox.release()
    await sandbox.stop()
  })
  beforeEach(() => {
    data = tempDir('oft-profiles-')
    service = start()
  })
  afterEach(async () => {
    await service.close()
    data.remove()
  })

  it('creates from a preset, saves with its secret, and still has both after a restart (secret shown as “set” only)', async () => {
    const { draft, issues } = await call<{ draft: ProfileDraft; issues: { rule: string }[] }>('createFromPreset', { presetId: 'generic-oidc' })
    expect(issues.map((i) => i.rule)).toContain('required.client-id')
    const saved = await call<SaveResult>('saveProfile', {
      profile: { ...draft, name: 'Acme', issuer: 'https://idp.example.com', clientId: 'acme', clientAuth: 'client_secret_post' },
      secrets: { clientSecret: 'RESTART-CANARY' },
    })
    expect(saved).toMatchObject({ saved: true, message: expect.stringMatching(/^Saved/) })
    await restart()
    const listed = (await call<ProfileSummary[]>('listProfiles')).find((p) => p.id === saved.profile!.id)
    expect(listed).toMatchObject({ name: 'Acme', secrets: { clientSecret: 'set' } })
    expect(JSON.stringify(listed)).not.toContain('RESTART-CANARY')
    expect(service.storage.vault.values(saved.profile!.id)).toEqual({ clientSecret: 'RESTART-CANARY' })
  })

  it('saves a profile with errors (it just cannot run) but never one that would write a secret into the file', async () => {
    const base = { name: 'Prod', environment: 'production', issuer: 'http://idp.example.com', clientId: 'c' }
    const withErrors = await call<SaveResult>('saveProfile', { profile: base })
    expect(withErrors.saved).toBe(true)
    expect(withErrors.message).toContain('must be fixed before it can run')
    expect(withErrors.issues.find((i) => i.rule === 'url.production-https')?.field).toBe('issuer')

    const leaky = await call<SaveResult>('saveProfile', { profile: { ...base, name: 'Leaky', extraTokenParams: { client_secret: 'PLAIN-CANARY' } } })
    expect(leaky.saved).toBe(false)
    expect(leaky.message).toContain('Not saved')
    expect(readFileSync(join(data.path, 'profiles.json'), 'utf8')).not.toContain('PLAIN-CANARY')
    expect((await attempt('saveProfile', { profile: base, secrets: { password: 'x' } })).ok).toBe(false)
  })

  it('keeps built-in profiles read-only and lets them be duplicated', async () => {
    expect(await attempt('saveProfile', { profile: { id: 'local-sandbox', name: 'Mine', environment: 'sandbox', clientId: 'x' } })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await attempt('deleteProfile', { id: 'local-sandbox' })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const copy = await call<ProfileSummary>('duplicateProfile', { id: 'local-sandbox' })
    expect(copy).toMatchObject({ name: 'Local sandbox (copy)', environment: 'sandbox', builtIn: false, embedded: 'oidc-sandbox' })
  })

  it('duplicates sandbox → production keeping everything but the secrets', async () => {
    const saved = await call<SaveResult>('saveProfile', {
      profile: { name: 'Acme (sandbox)', environment: 'sandbox', issuer: 'https://idp.example.com', clientId: 'acme', clientAuth: 'client_secret_basic', scopes: 'openid email' },
      secrets: { clientSecret: 'sandbox-only' },
    })
    const copy = await call<ProfileSummary>('duplicateProfile', { id: saved.profile!.id })
    expect(copy).toMatchObject({ name: 'Acme (production)', environment: 'production', issuer: 'https://idp.example.com', clientId: 'acme', scopes: 'openid email', secrets: { clientSecret: 'not-set' } })
    expect(copy.issues.map((i) => i.rule)).toContain('auth.secret-missing')
    expect(service.storage.vault.values(copy.id)).toEqual({})
  })

  it('deletes a profile with its secrets, but not while one of its runs is going', async () => {
    const copy = await call<ProfileSummary>('duplicateProfile', { id: 'local-sandbox' })
    const run = await call<RunView>('startFlow', { profileId: copy.id })
    expect(run.status).toBe('awaiting-callback')
    expect(await attempt('deleteProfile', { id: copy.id })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    await call('cancelFlow', { runId: run.id })
    expect(await call('deleteProfile', { id: copy.id })).toEqual({ deleted: copy.id })
    expect(await attempt('getProfile', { id: copy.id })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('refuses to start a run on a profile with errors: a profile.invalid diagnosis, nothing sent', async () => {
    const saved = await call<SaveResult>('saveProfile', { profile: { name: 'Bad', environment: 'production', issuer: 'http://idp.example.com', clientId: 'c' } })
    const before = opened.length
    const run = await call<RunView>('startFlow', { profileId: saved.profile!.id })
    expect(run.status).toBe('failed')
    expect(run.exchanges).toEqual([])
    expect(opened.length).toBe(before)
    const diagnosis = run.diagnoses[0]!
    expect(diagnosis.code).toBe('profile.invalid')
    expect(diagnosis.causes[0]).toMatchObject({ id: 'url.production-https', likelihood: 'confirmed', evidence: [{ label: 'field', value: 'issuer' }] })
  })

  it('sends plain and secret client headers at the token step, the secret from the vault', async () => {
    const seen: http.IncomingHttpHeaders[] = []
    const tokenServer = http.createServer((req, res) => {
      seen.push(req.headers)
      req.resume()
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ access_token: 'opaque-access-token-0123456789', token_type: 'Bearer', expires_in: 60 }))
    })
    await new Promise<void>((r) => tokenServer.listen(0, '127.0.0.1', r))
    try {
      const issuer = (await sandbox.acquire()).issuer
      sandbox.release()
      const saved = await call<SaveResult>('saveProfile', {
        profile: {
          name: 'Headers',
          environment: 'sandbox',
          issuer,
          endpoints: { token: `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token` },
          clientId: SANDBOX_PUBLIC_CLIENT,
          clientAuth: 'headers',
          clientHeaders: { 'X-Client-Key': 'public-key-1' },
          secretHeaders: ['X-Secret-Key'],
          scopes: 'openid',
        },
        secrets: { 'x-secret-key': 'header-secret-value' },
      })
      expect(saved.profile?.secretHeaders).toEqual(['x-secret-key'])
      const run = await call<RunView>('startFlow', { profileId: saved.profile!.id })
      await loginThroughSandbox(run.authorizeUrl!, { followFinal: true })
      expect((await service.engine.settled(run.id))?.status).toBe('succeeded')
      expect(seen[0]).toMatchObject({ 'x-client-key': 'public-key-1', 'x-secret-key': 'header-secret-value' })
    } finally {
      await new Promise((r) => tokenServer.close(r))
    }
  })

  it('fills from an issuer: endpoints, and what the server supports beside what the profile uses', async () => {
    const issuer = (await sandbox.acquire()).issuer
    sandbox.release()
    const report = await call<IssuerReport>('fillFromIssuer', { issuer: `${issuer}/`, profile: { name: 'x', environment: 'sandbox', clientId: 'c', clientAuth: 'client_secret_post', scopes: 'openid offline_access' } })
    expect(report.ok).toBe(true)
    expect(report.issuer).toBe(issuer)
    expect(report.endpoints.token).toBe(`${issuer}/token`)
    const pkce = report.comparisons.find((c) => c.feature === 'PKCE method')!
    expect(pkce).toMatchObject({ used: ['S256'], verdict: 'ok' })
    expect(pkce.supported).toContain('S256')
    expect(report.comparisons.find((c) => c.feature === 'Client authentication')?.supported).toContain('client_secret_post')
    const down = await call<IssuerReport>('fillFromIssuer', { issuer: 'http://127.0.0.1:9/nothing' })
    expect(down.ok).toBe(false)
    expect(down.error).toBeTruthy()
  })

  it('imports an export and asks for the secrets; exports carry none', async () => {
    await call<SaveResult>('saveProfile', { profile: { name: 'Post', environment: 'sandbox', issuer: 'https://idp.example.com', clientId: 'c', clientAuth: 'client_secret_post' }, secrets: { clientSecret: 'EXPORT-CANARY' } })
    const exported = await call<{ json: string; count: number }>('exportProfiles')
    expect(exported.count).toBe(1)
    expect(exported.json).not.toContain('EXPORT-CANARY')
    const result = await call<ImportResult>('importProfiles', { json: exported.json })
    expect(result.imported).toEqual([{ id: expect.any(String), name: 'Post 2', secretsToEnter: ['clientSecret'] }])
    const imported = await call<ProfileSummary>('getProfile', { id: result.imported[0]!.id })
    expect(imported.secrets).toEqual({ clientSecret: 'not-set' })
    expect(await attempt('importProfiles', { json: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('tells the user, through getStorageStatus, that a broken file was recovered', async () => {
    await call('saveProfile', { profile: { name: 'Kept', environment: 'sandbox', issuer: 'https://idp.example.com', clientId: 'c' } })
    writeFileSync(join(data.path, 'profiles.json'), '{"version":2,"profiles":[{')
    await restart()
    const status = await call<StorageStatus>('getStorageStatus')
    expect(status.location).toBe(data.path)
    expect(status.vault).toContain('AES-256-GCM')
    expect(status.notices[0]).toMatchObject({ level: 'warning', message: expect.stringContaining('nothing is lost') })
    expect((await call<ProfileSummary[]>('listProfiles')).map((p) => p.name)).toContain('Kept')
  })
})
