import { createRequire } from 'node:module'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CallOutput } from '../../../shared/contract/calls'
import type { ExchangeDetail } from '../../../shared/domain/exchange-detail'
import type { HistoryList, RunRecordView } from '../../../shared/domain/run-record'
import type { EvidenceFile } from '../../../shared/domain/evidence-files'
import type { StorageStatus } from '../../../shared/contract/profile-calls'
import { LOCAL_SANDBOX_ID } from '../../../main/profiles/builtin'
import type { Service } from '../../../main/service'
import { call, runThroughSandbox, saveConfidential, serviceOn } from '../../support/evidence-service'
import { tempDir } from '../../support/temp-dir'

const validate = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> }

/** The run history on real files, a real sandbox and the contract's dispatcher; across restarts. */
describe('run history and evidence', () => {
  let data: ReturnType<typeof tempDir>
  let service: Service

  beforeEach(() => {
    data = tempDir('oft-history-')
    service = serviceOn(data.path)
  })
  afterEach(async () => {
    await service.close()
    data.remove()
  })

  it('keeps finished runs across a restart of the host, redacted, with their exchanges, HAR and curl', async () => {
    const good = await runThroughSandbox(service, LOCAL_SANDBOX_ID)
    expect(good.status).toBe('succeeded')
    const wrong = await saveConfidential(service, 'Wrong secret', 'not-the-secret-4711', 'client_secret_post')
    const bad = await runThroughSandbox(service, wrong.id)
    expect(bad.status).toBe('failed')

    const before = await call<HistoryList>(service, 'listHistory')
    expect(before.entries.map((e) => e.runId)).toEqual([bad.id, good.id])
    expect(before.entries[0]).toMatchObject({ status: 'failed', profileName: 'Wrong secret', environment: 'sandbox', flow: 'standard' })
    expect(before.entries[0]!.diagnosisCodes.length).toBeGreaterThan(0)
    expect(before.limit).toBe(200)
    expect(before.location).toBe(join(data.path, 'history.json'))
    const liveExchanges = await call<ExchangeDetail[]>(service, 'listRunExchanges', { runId: bad.id })
    const liveHar = await call<EvidenceFile>(service, 'exportHar', { runId: good.id })

    // A new host process on the same folder: the engine has no runs, the history has both.
    await service.close()
    service = serviceOn(data.path)
    expect(service.engine.list()).toEqual([])
    const after = await call<HistoryList>(service, 'listHistory')
    expect(after.entries).toEqual(before.entries)

    const record = await call<RunRecordView>(service, 'getHistoryRun', { runId: bad.id })
    expect(record.source).toBe('history')
    expect(record.run.status).toBe('failed')
    expect(record.profile).toMatchObject({ name: 'Wrong secret', clientAuth: 'client_secret_post', secrets: { clientSecret: 'set' } })
    expect(record.resolved.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(record.resolved.server?.codeChallengeMethods).toContain('S256')

    const goodRecord = await call<RunRecordView>(service, 'getHistoryRun', { runId: good.id })
    expect(goodRecord.tokens.map((t) => t.kind)).toEqual(['access_token', 'refresh_token', 'id_token'])
    const id = goodRecord.tokens.find((t) => t.kind === 'id_token')!
    expect(id).toMatchObject({ format: 'jwt', claims: { aud: 'oft-sandbox-public' }, lifetimeSeconds: 3600 })
    expect(goodRecord.tokens.find((t) => t.kind === 'access_token')?.lifetimeSeconds).toBe(3600)

    // The same exchanges as when the run was live, and the same HAR: nothing was redacted twice.
    expect(await call<ExchangeDetail[]>(service, 'listRunExchanges', { runId: bad.id })).toEqual(liveExchanges)
    expect((await call<EvidenceFile>(service, 'exportHar', { runId: good.id })).text).toBe(liveHar.text)
    const token = liveExchanges.find((ex) => ex.step === 'token')!
    expect(token.request.body).toContain('client_secret=%5Bredacted%5D')
    expect(token.response?.status).toBe(401)

    // Curl of every exchange: variables, never values.
    for (const ex of liveExchanges) {
      const curl = await call<CallOutput<'exchangeAsCurl'>>(service, 'exchangeAsCurl', { exchangeId: ex.id })
      expect(curl.curl).toMatch(/^curl -sS -X (GET|POST) /)
      if (ex.step === 'token') {
        expect(curl.variables).toEqual(expect.arrayContaining(['CLIENT_SECRET', 'AUTHORIZATION_CODE', 'CODE_VERIFIER']))
        expect(curl.curl).toContain(`--data-urlencode 'client_secret='"$CLIENT_SECRET"`)
        expect(curl.curl).not.toContain('not-the-secret-4711')
      }
    }
  })

  it('stores no token value and no code, only what the tokens said about themselves; curl of a token event names the token', async () => {
    const run = await runThroughSandbox(service, LOCAL_SANDBOX_ID)
    const setId = run.tokens!.id
    const refreshed = await call<{ tokenSet: { events: { kind: string; exchangeId?: string }[] } }>(service, 'refreshTokens', { tokenSetId: setId })
    const values = await Promise.all(['access-1', 'refresh-1', 'id-1', 'access-2', 'refresh-2'].map(async (tokenId) => (await call<{ value: string }>(service, 'revealToken', { tokenSetId: setId, tokenId })).value))
    // The code is stored masked, as the run showed it.
    const stored = await call<RunRecordView>(service, 'getHistoryRun', { runId: run.id })
    expect(new URL(stored.run.capture!.url).searchParams.get('code')).toMatch(/^.{6}….{4}$/)
    service.history.flush()
    const file = readFileSync(join(data.path, 'history.json'), 'utf8')
    for (const value of values) expect(file.includes(value), 'a token value in the history').toBe(false)
    expect(file).toContain('"kind": "id_token"')

    // The refresh behind the token event: the token it sent is a variable named for what it is.
    const exchangeId = refreshed.tokenSet.events.find((e) => e.kind === 'refreshed')!.exchangeId!
    const curl = await call<CallOutput<'exchangeAsCurl'>>(service, 'exchangeAsCurl', { exchangeId })
    expect(curl.variables).toContain('REFRESH_TOKEN')
    expect(curl.curl).toContain(`'refresh_token='"$REFRESH_TOKEN"`)
    for (const value of values) expect(curl.curl).not.toContain(value)
  })

  it('exports a HAR that passes the HAR 1.2 schema, for a successful and a failing run', async () => {
    const good = await runThroughSandbox(service, LOCAL_SANDBOX_ID)
    const unreachable = await call<{ saved: boolean; profile: { id: string } }>(service, 'saveProfile', {
      profile: { name: 'Nothing listens', environment: 'sandbox', issuer: 'http://127.0.0.1:9', clientId: 'x', scopes: 'openid' },
    })
    const failed = await call<{ id: string; status: string }>(service, 'startFlow', { profileId: unreachable.profile.id })
    expect(failed.status).toBe('failed')
    for (const runId of [good.id, failed.id]) {
      const file = await call<EvidenceFile>(service, 'exportHar', { runId })
      expect(file.fileName).toMatch(/^oauth-flow-tester-.+\.har$/)
      const har = JSON.parse(file.text) as { log: { entries: { response: { status: number }; _step: string; _error?: string }[] } }
      await expect(validate.har(har)).resolves.toBeTruthy()
      expect(har.log.entries.length).toBeGreaterThan(0)
      if (runId === failed.id) expect(har.log.entries[0]).toMatchObject({ _step: 'discovery', response: { status: 0 } })
      else expect(har.log.entries.map((e) => e._step)).toEqual(['discovery', 'token'])
    }
  })

  it('keeps only the newest runs, up to its limit', async () => {
    await service.close()
    service = serviceOn(data.path, { historyLimit: 2 })
    const runs = []
    for (let i = 0; i < 3; i++) runs.push(await call<{ id: string }>(service, 'startFlow', { profileId: LOCAL_SANDBOX_ID }))
    for (const r of runs) await call(service, 'cancelFlow', { runId: r.id })
    const list = await call<HistoryList>(service, 'listHistory')
    expect(list.entries.map((e) => e.runId)).toEqual([runs[2]!.id, runs[1]!.id])
    expect(list.entries.every((e) => e.status === 'cancelled')).toBe(true)
    service.history.flush()
    const stored = JSON.parse(readFileSync(join(data.path, 'history.json'), 'utf8')) as { records: unknown[] }
    expect(stored.records).toHaveLength(2)
  })

  it('a corrupt history file is kept aside; the app starts with an empty history and says so', async () => {
    await service.close()
    expect(existsSync(join(data.path, 'history.last-good.json'))).toBe(false)
    writeFileSync(join(data.path, 'history.json'), '{"version":1,"records":[{"run":', { mode: 0o600 })
    service = serviceOn(data.path)
    const status = await call<StorageStatus>(service, 'getStorageStatus')
    expect(status.notices.map((n) => n.message).join('\n')).toMatch(/run history could not be read .*kept, untouched, as .*history\.corrupt-/)
    expect((await call<HistoryList>(service, 'listHistory')).entries).toEqual([])
    const aside = readdirSync(data.path).filter((f) => f.startsWith('history.corrupt-'))
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(data.path, aside[0]!), 'utf8')).toBe('{"version":1,"records":[{"run":')

    // …and it records new runs as before.
    const run = await call<{ id: string }>(service, 'startFlow', { profileId: LOCAL_SANDBOX_ID })
    await call(service, 'cancelFlow', { runId: run.id })
    service.history.flush()
    expect(existsSync(join(data.path, 'history.json'))).toBe(true)
    expect((await call<HistoryList>(service, 'listHistory')).entries.map((e) => e.runId)).toEqual([run.id])

    // Broken again: this time the last good copy (written with that run) is loaded instead.
    await service.close()
    writeFileSync(join(data.path, 'history.json'), 'not json at all', { mode: 0o600 })
    service = serviceOn(data.path)
    expect((await call<HistoryList>(service, 'listHistory')).entries.map((e) => e.runId)).toEqual([run.id])
    const again = await call<StorageStatus>(service, 'getStorageStatus')
    expect(again.notices.map((n) => n.message).join('\n')).toMatch(/run history could not be read .*last good copy.*nothing is lost/)
  })
})
