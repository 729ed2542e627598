import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IMPORT_LIMITS, IMPORT_TOO_LARGE, type ImportResult } from '../../../shared/contract/profile-calls'
import type { ProfileSummary } from '../../../shared/domain/profile'
import { systemClock } from '../../../main/clock'
import { fileStorage } from '../../../main/profiles/storage/open-storage'
import { RecoveringDocument } from '../../../main/profiles/storage/recovering-document'
import { createService, type Service } from '../../../main/service'
import { startWebHost } from '../../../main/web/server'
import { tempDir } from '../../support/temp-dir'

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

/**
 * Import through the contract, on real files: a refused file stores nothing, a large accepted
 * one is stored in one write, and the limits hold over the web host's transport too.
 */
describe('profile import on real files', () => {
  let data: ReturnType<typeof tempDir>
  let service: Service
  const open = (): Service => createService({ host: 'web', version: 'test', versions: {}, storage: fileStorage(data.path, systemClock), openBrowser: async () => undefined })
  const importJson = (json: string) => service.dispatch('importProfiles', { json }) as Promise<Answer<ImportResult>>
  const profilesFile = () => join(data.path, 'profiles.json')
  const stored = () => (existsSync(profilesFile()) ? readFileSync(profilesFile(), 'utf8') : '')
  const userProfiles = async () => ((await service.dispatch('listProfiles', {})) as Answer<ProfileSummary[]> & { ok: true }).value.filter((p) => !p.builtIn)
  const profile = (i: number) => ({ name: `Imported ${i}`, environment: 'sandbox', clientId: `client-${i}`, endpoints: { authorize: 'https://idp.example/a', token: 'https://idp.example/t' } })

  beforeEach(async () => {
    data = tempDir('oft-import-')
    service = open()
    // Something stored already, so "nothing stored" means "the file did not change".
    expect(await importJson(JSON.stringify([profile(0)]))).toMatchObject({ ok: true })
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await service.close()
    data.remove()
  })

  it('a 10 MB file is refused by the contract with the limit in words; nothing is stored', async () => {
    const before = stored()
    const huge = JSON.stringify(Array.from({ length: 70_000 }, (_, i) => profile(i)))
    expect(huge.length).toBeGreaterThan(10_000_000)
    const answer = await importJson(huge)
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining(IMPORT_TOO_LARGE) } })
    expect(stored()).toBe(before)
  })

  it('refused files store nothing, whatever they hold', async () => {
    const before = stored()
    const refused = [
      '{not json',
      '',
      '"a string"',
      '{"version":-1000000000000000,"profiles":[{"name":"x","environment":"sandbox","clientId":"c"}]}',
      '{"version":99,"profiles":[]}',
      JSON.stringify(Array.from({ length: IMPORT_LIMITS.maxProfiles + 1 }, (_, i) => ({ name: `p${i}`, environment: 'sandbox', clientId: 'c' }))),
    ]
    for (const json of refused) {
      const answer = await importJson(json)
      expect(answer, json.slice(0, 40)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      expect(stored()).toBe(before)
    }
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null')), async (json) => {
        const answer = await importJson(json)
        if (!answer.ok) expect(stored()).toBe(before)
        else expect(answer.value.imported.length + answer.value.skipped.length).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 150 },
    )
  })

  it(`stores ${IMPORT_LIMITS.maxProfiles.toLocaleString('en')} profiles in one write, and they read back after a restart`, async () => {
    const writes = vi.spyOn(RecoveringDocument.prototype, 'write')
    const answer = await importJson(JSON.stringify({ format: 'oauth-flow-tester/profiles', version: 2, profiles: Array.from({ length: IMPORT_LIMITS.maxProfiles }, (_, i) => profile(i + 1)) }))
    expect(answer).toMatchObject({ ok: true })
    expect(writes).toHaveBeenCalledTimes(1)
    await service.close()
    service = open()
    expect(await userProfiles()).toHaveLength(IMPORT_LIMITS.maxProfiles + 1)
    expect(service.storage.notices).toEqual([])
  })

  it('keeps names unique and within 120 characters, even at the longest', async () => {
    const long = 'N'.repeat(120)
    const answer = await importJson(JSON.stringify([long, long, long, 'Imported 0'].map((name) => ({ name, environment: 'sandbox', clientId: 'c' }))))
    if (!answer.ok) throw new Error(answer.error.message)
    const names = answer.value.imported.map((p) => p.name)
    expect(names).toEqual([long, `${'N'.repeat(118)} 2`, `${'N'.repeat(118)} 3`, 'Imported 0 2'])
    expect(new Set((await userProfiles()).map((p) => p.name.toLowerCase())).size).toBe(5)
  })

  it('the largest allowed file also crosses the web host’s transport', async () => {
    const token = 'import-limit-token-0123456789abcdefghijkl'
    const host = await startWebHost({ service, port: 0, token, rendererDir: data.path, bridgeFile: join(data.path, 'none.js') })
    try {
      // Just under the limit, with quotes and non-ASCII text that JSON and UTF-8 make longer.
      const one = (i: number) => ({ ...profile(i), description: `"Zürich" — ${'é'.repeat(1800)}`, extraAuthorizeParams: { note: '"ö" '.repeat(500) } })
      const count = Math.floor((IMPORT_LIMITS.maxChars - 2) / (JSON.stringify(one(1000)).length + 1))
      expect(count).toBeLessThanOrEqual(IMPORT_LIMITS.maxProfiles)
      const list = Array.from({ length: count }, (_, i) => one(1000 + i))
      const json = JSON.stringify(list)
      expect(json.length).toBeLessThanOrEqual(IMPORT_LIMITS.maxChars)
      expect(json.length).toBeGreaterThan(IMPORT_LIMITS.maxChars * 0.98)
      const res = await fetch(`http://127.0.0.1:${host.port}/api/importProfiles`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ json }) })
      expect(res.status).toBe(200)
      const answer = (await res.json()) as Answer<ImportResult>
      if (!answer.ok) throw new Error(answer.error.message)
      expect(answer.value.imported).toHaveLength(count)
      expect(await userProfiles()).toHaveLength(list.length + 1)
    } finally {
      await host.close()
    }
  })
})
