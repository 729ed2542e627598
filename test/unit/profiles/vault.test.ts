import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileStorage, openStorage } from '../../../main/profiles/storage/open-storage'
import { aesGcmCipher } from '../../../main/profiles/vault/key-file-cipher'
import { FakeClock } from '../../support/fake-clock'
import { tempDir } from '../../support/temp-dir'

describe('the secret vault (key-file cipher)', () => {
  let dir: ReturnType<typeof tempDir>
  const clock = new FakeClock()
  const open = () => openStorage(fileStorage(dir.path, clock), clock)
  beforeEach(() => {
    dir = tempDir()
  })
  afterEach(() => dir.remove())

  it('keeps values sealed on disk and gives them back after a restart', () => {
    open().vault.set('p1', 'clientSecret', 'Vault-Canary-Value-42')
    const file = readFileSync(join(dir.path, 'secrets.json'), 'utf8')
    expect(file).not.toContain('Vault-Canary-Value-42')
    expect(file).not.toContain(Buffer.from('Vault-Canary-Value-42').toString('base64'))
    const again = open().vault
    expect(again.values('p1')).toEqual({ clientSecret: 'Vault-Canary-Value-42' })
    expect(again.names('p1')).toEqual(['clientSecret'])
  })

  it('binds a value to its profile and name: moved into another slot, it does not open', () => {
    open().vault.set('p1', 'clientSecret', 'only-for-p1')
    const path = join(dir.path, 'secrets.json')
    const doc = JSON.parse(readFileSync(path, 'utf8'))
    doc.entries.p2 = { clientSecret: doc.entries.p1.clientSecret }
    writeFileSync(path, JSON.stringify(doc))
    const storage = open()
    expect(storage.vault.values('p2')).toEqual({})
    expect(storage.vault.names('p2')).toEqual([])
    expect(storage.notices.map((n) => n.message).join()).toContain('cannot be decrypted')
    expect(storage.vault.values('p1')).toEqual({ clientSecret: 'only-for-p1' })
  })

  it('does not open values sealed with another key, and keeps them until replaced', () => {
    open().vault.set('p1', 'clientSecret', 'first')
    writeFileSync(join(dir.path, 'vault.key'), Buffer.alloc(32, 7).toString('base64'), { mode: 0o600 })
    const storage = open()
    expect(storage.vault.names('p1')).toEqual([])
    storage.vault.set('p1', 'clientSecret', 'second')
    expect(open().vault.values('p1')).toEqual({ clientSecret: 'second' })
  })

  it('clears one secret or all of a profile', () => {
    const { vault } = open()
    vault.set('p1', 'clientSecret', 'a-secret')
    vault.set('p1', 'x-secret-key', 'b-secret')
    vault.set('p2', 'clientSecret', 'c-secret')
    vault.clear('p1', 'clientSecret')
    expect(vault.names('p1')).toEqual(['x-secret-key'])
    vault.clearProfile('p1')
    expect(open().vault.names('p1')).toEqual([])
    expect(open().vault.names('p2')).toEqual(['clientSecret'])
  })

  it('AES-GCM detects tampering', () => {
    const cipher = aesGcmCipher(Buffer.alloc(32, 1), 'test')
    const sealed = cipher.encrypt('hello')
    expect(cipher.decrypt(sealed)).toBe('hello')
    const parts = sealed.split('.')
    parts[3] = Buffer.from('hellp').toString('base64url')
    expect(() => cipher.decrypt(parts.join('.'))).toThrow()
    expect(cipher.encrypt('hello')).not.toBe(sealed)
  })
})
