import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ProfileSchema } from '../../../shared/domain/profile'
import { openStorage } from '../../../main/profiles/storage/open-storage'
import { aesGcmCipher } from '../../../main/profiles/vault/key-file-cipher'
import { FakeClock } from '../../support/fake-clock'
import { tempDir } from '../../support/temp-dir'

/**
 * electron-store imports `electron`, whose binary cannot be had here. Electron's own switch
 * ELECTRON_OVERRIDE_DIST_PATH lets that import resolve without it; electron-store then needs
 * only the folder we give it, and everything below (conf, the files, recovery) is real.
 */
const previous = process.env.ELECTRON_OVERRIDE_DIST_PATH
const noElectron = tempDir('oft-no-electron-')
beforeAll(() => {
  process.env.ELECTRON_OVERRIDE_DIST_PATH = noElectron.path
})
afterAll(() => {
  noElectron.remove()
  if (previous === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = previous
})

describe('the desktop storage port (electron-store in userData)', () => {
  let dir: ReturnType<typeof tempDir>
  const clock = new FakeClock(Date.parse('2026-11-23T10:00:00Z'))
  beforeEach(() => {
    dir = tempDir('oft-userdata-')
  })
  afterEach(() => dir.remove())

  const open = async () => {
    const { electronStoreBackend } = await import('../../../main/electron/electron-store-backend')
    return openStorage({ backend: electronStoreBackend(dir.path), cipher: aesGcmCipher(Buffer.alloc(32, 3), 'test') }, clock)
  }

  it('stores profiles in userData/profiles.json and recovers a corrupt file like the conf backend', async () => {
    const first = await open()
    first.profiles.save(ProfileSchema.parse({ id: 'a', name: 'Alpha', environment: 'sandbox', clientId: 'c' }))
    expect(JSON.parse(readFileSync(join(dir.path, 'profiles.json'), 'utf8')).profiles[0].name).toBe('Alpha')
    writeFileSync(join(dir.path, 'profiles.json'), '{"version":2,')
    const after = await open()
    expect((await after.profiles.get('a'))?.name).toBe('Alpha')
    expect(after.notices[0]?.message).toContain('nothing is lost')
    expect(readdirSync(dir.path).some((n) => n.startsWith('profiles.corrupt-'))).toBe(true)
  })
})
