import { describe, expect, it } from 'vitest'
import { chooseCipher } from '../../../main/electron/cipher-choice'
import { safeStorageCipher } from '../../../main/electron/safe-storage-cipher'

describe('the desktop vault’s cipher', () => {
  it('uses the system keychain when it is there', () => {
    expect(chooseCipher({ platform: 'darwin', available: true })).toEqual({ use: 'safe-storage' })
    expect(chooseCipher({ platform: 'linux', available: true, linuxBackend: 'gnome_libsecret' })).toEqual({ use: 'safe-storage' })
  })

  it('warns when Linux offers only the plain-text backend', () => {
    const choice = chooseCipher({ platform: 'linux', available: true, linuxBackend: 'basic_text' })
    expect(choice.use).toBe('safe-storage')
    expect(choice.warning).toContain('keyring')
  })

  it('falls back to the key file, with a warning, when encryption is unavailable', () => {
    const choice = chooseCipher({ platform: 'linux', available: false })
    expect(choice.use).toBe('key-file')
    expect(choice.warning).toContain('key file')
  })

  it('wraps safeStorage as base64 text', () => {
    // Stands in for Electron's safeStorage, which needs the Electron binary.
    const fake = {
      encryptString: (s: string) => Buffer.from([...s].reverse().join('')),
      decryptString: (b: Buffer) => [...b.toString()].reverse().join(''),
    }
    const cipher = safeStorageCipher(fake, 'keychain')
    const sealed = cipher.encrypt('abc')
    expect(sealed).toBe(Buffer.from('cba').toString('base64'))
    expect(cipher.decrypt(sealed)).toBe('abc')
  })
})
