import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ProfileSchema, type Profile } from '../../../shared/domain/profile'
import { BUILT_IN_PROFILES } from '../../../main/profiles/builtin'
import { fileStorage, openStorage } from '../../../main/profiles/storage/open-storage'
import { PROFILE_MIGRATIONS } from '../../../main/profiles/storage/profile-migrations'
import { profilesCodec } from '../../../main/profiles/storage/profiles-codec'
import { lastGoodPath } from '../../../main/profiles/storage/recovering-document'
import { FakeClock } from '../../support/fake-clock'
import { tempDir } from '../../support/temp-dir'

const FIXTURE = new URL('../../fixtures/profiles-v1.json', import.meta.url).pathname

const profile = (id: string, name: string): Profile =>
  ProfileSchema.parse({ id, name, environment: 'sandbox', issuer: 'https://idp.example', clientId: `client-${id}` })

describe('profile storage on real files (conf backend)', () => {
  let dir: ReturnType<typeof tempDir>
  const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z'))
  const open = () => openStorage(fileStorage(dir.path, clock), clock)
  const file = () => join(dir.path, 'profiles.json')

  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  it('keeps profiles across a restart, beside a last-good copy, readable only by the user', async () => {
    const first = open()
    first.profiles.save(profile('a', 'Alpha'))
    first.profiles.save(profile('b', 'Beta'))
    const again = open()
    expect((await again.profiles.list()).map((p) => p.name)).toEqual([...BUILT_IN_PROFILES.map((p) => p.name), 'Alpha', 'Beta'])
    expect(readFileSync(lastGoodPath(file()), 'utf8')).toBe(readFileSync(file(), 'utf8'))
    expect(statSync(file()).mode & 0o077).toBe(0)
    expect(statSync(lastGoodPath(file())).mode & 0o077).toBe(0)
    expect(again.notices).toEqual([])
  })

  it('recovers from a corrupt file: the bad file is kept aside, the last good copy loaded, the user told', async () => {
    const first = open()
    first.profiles.save(profile('a', 'Alpha'))
    first.profiles.save(profile('b', 'Beta'))
    const good = readFileSync(file(), 'utf8')
    // A crash or a bad hand edit: half a file.
    const broken = good.slice(0, good.length / 2)
    writeFileSync(file(), broken)

    const after = open()
    expect((await after.profiles.list()).filter((p) => !p.builtIn).map((p) => p.name)).toEqual(['Alpha', 'Beta'])
    const aside = readdirSync(dir.path).filter((n) => n.startsWith('profiles.corrupt-'))
    expect(aside).toEqual(['profiles.corrupt-2026-11-23T10-00-00-000Z.json'])
    // Nothing lost: the broken bytes are kept exactly, and the good data is back in place.
    expect(readFileSync(join(dir.path, aside[0]!), 'utf8')).toBe(broken)
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual(JSON.parse(good))
    expect(after.notices).toHaveLength(1)
    expect(after.notices[0]).toMatchObject({ level: 'warning' })
    expect(after.notices[0]!.message).toContain('not valid JSON')
    expect(after.notices[0]!.message).toContain(aside[0])
    expect(after.notices[0]!.message).toContain('nothing is lost')
  })

  it('treats a file that parses but breaks the schema the same way, naming the profile and field', async () => {
    const first = open()
    first.profiles.save(profile('a', 'Alpha'))
    const doc = JSON.parse(readFileSync(file(), 'utf8'))
    doc.profiles[0].environment = 'staging'
    writeFileSync(file(), JSON.stringify(doc))
    const after = open()
    expect((await after.profiles.get('a'))?.environment).toBe('sandbox')
    expect(after.notices[0]!.message).toMatch(/profile 1 \(“Alpha”\) at environment/)
  })

  it('keeps a corrupt file untouched when there is no good copy, starts empty and says how to restore it', async () => {
    writeFileSync(file(), '{"version": 2, "profiles": [ {"id": ')
    const after = open()
    expect((await after.profiles.list()).every((p) => p.builtIn)).toBe(true)
    expect(after.notices[0]).toMatchObject({ level: 'error' })
    const aside = readdirSync(dir.path).find((n) => n.startsWith('profiles.corrupt-'))!
    expect(readFileSync(join(dir.path, aside), 'utf8')).toBe('{"version": 2, "profiles": [ {"id": ')
    expect(after.notices[0]!.message).toContain(aside)
  })

  it('keeps a broken last-good copy too, when both are broken', () => {
    open().profiles.save(profile('a', 'Alpha'))
    writeFileSync(file(), 'broken one')
    writeFileSync(lastGoodPath(file()), 'broken two')
    const after = open()
    expect(after.notices[0]).toMatchObject({ level: 'error' })
    const kept = readdirSync(dir.path).filter((n) => n.includes('corrupt')).map((n) => readFileSync(join(dir.path, n), 'utf8'))
    expect(kept.sort()).toEqual(['broken one', 'broken two'])
    for (const n of readdirSync(dir.path)) expect(statSync(join(dir.path, n)).mode & 0o077).toBe(0)
  })

  it('does not overwrite a file written by a newer version; it is kept aside', () => {
    open().profiles.save(profile('a', 'Alpha'))
    const newer = JSON.stringify({ version: 99, profiles: [] })
    writeFileSync(file(), newer)
    const after = open()
    expect(after.notices[0]!.message).toContain('newer version')
    const aside = readdirSync(dir.path).find((n) => n.startsWith('profiles.corrupt-'))!
    expect(readFileSync(join(dir.path, aside), 'utf8')).toBe(newer)
  })

  it('migrates a version-1 file, keeping the original beside it', async () => {
    copyFileSync(FIXTURE, file())
    const storage = open()
    const [prod, sandbox] = (await storage.profiles.list()).filter((p) => !p.builtIn)
    expect(prod).toMatchObject({
      id: 'acme-prod',
      name: 'Acme production',
      environment: 'production',
      flow: 'standard',
      issuer: 'https://login.acme.example',
      clientId: 'acme-desktop',
      clientAuth: 'client_secret_basic',
      scopes: 'openid profile offline_access',
      capture: { method: 'loopback', loopbackPort: 8765, loopbackPath: '/cb' },
      extraAuthorizeParams: { prompt: 'login' },
    })
    expect(sandbox).toMatchObject({
      id: 'acme-sandbox',
      endpoints: { authorize: 'http://127.0.0.1:9000/authorize', token: 'http://127.0.0.1:9000/token' },
      scopes: 'openid email',
      capture: { method: 'paste', redirectUri: 'https://acme.example/callback' },
    })
    expect(JSON.parse(readFileSync(file(), 'utf8')).version).toBe(2)
    expect(readFileSync(join(dir.path, 'profiles.v1-backup.json'), 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'))
    expect(storage.notices[0]).toMatchObject({ level: 'info' })
    expect(storage.notices[0]!.message).toContain('format 1 to 2')
    // A second start finds version 2 and changes nothing.
    expect(open().notices).toEqual([])
  })

  it('the v1 → v2 step alone is pure and fits the current schema', () => {
    const v1 = JSON.parse(readFileSync(FIXTURE, 'utf8'))
    const before = structuredClone(v1)
    const v2 = PROFILE_MIGRATIONS[1]!(v1)
    expect(v1).toEqual(before)
    expect(() => profilesCodec.decode(v2)).not.toThrow()
  })

  it('narrows a vault key file someone made readable to others, and says so', () => {
    open()
    const key = join(dir.path, 'vault.key')
    expect(statSync(key).mode & 0o777).toBe(0o600)
    chmodSync(key, 0o644)
    const after = open()
    expect(statSync(key).mode & 0o777).toBe(0o600)
    expect(after.notices.map((n) => n.message).join()).toContain('readable by other users')
  })

  it('recovers the vault file too', () => {
    const first = open()
    first.profiles.save(profile('a', 'Alpha'))
    first.vault.set('a', 'clientSecret', 'S3cr3t-value')
    writeFileSync(join(dir.path, 'secrets.json'), 'garbage')
    const after = open()
    expect(after.vault.values('a')).toEqual({ clientSecret: 'S3cr3t-value' })
    expect(existsSync(join(dir.path, 'secrets.last-good.json'))).toBe(true)
  })
})

describe('a data folder that cannot be used', () => {
  it('fails for the web host (it says so and exits) and falls back to memory, with a notice, for the desktop app', async () => {
    const clock = new FakeClock()
    const dir = tempDir()
    try {
      // A folder where the profiles file should be: unreadable as a file.
      mkdirSync(join(dir.path, 'profiles.json'))
      const options = fileStorage(dir.path, clock)
      expect(() => openStorage(options, clock)).toThrow()
      const storage = openStorage({ ...fileStorage(dir.path, clock), fallbackToMemory: true }, clock)
      expect(storage.notices.at(-1)).toMatchObject({ level: 'error', message: expect.stringContaining('memory only') })
      storage.profiles.save(profile('m', 'In memory'))
      expect((await storage.profiles.get('m'))?.name).toBe('In memory')
    } finally {
      dir.remove()
    }
  })
})
