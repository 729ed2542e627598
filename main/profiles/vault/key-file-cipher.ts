import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { StorageNotice } from '../storage/storage-port'
import type { SecretCipher } from './cipher'

export const KEY_FILE = 'vault.key'
const KIND = 'aes-256-gcm/key-file'

/** AES-256-GCM with a random 96-bit nonce per value: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function aesGcmCipher(key: Buffer, description: string): SecretCipher {
  if (key.length !== 32) throw new Error('The vault key must be 32 bytes.')
  return {
    kind: KIND,
    description,
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
    },
    decrypt(sealed) {
      const [version, iv, tag, data] = sealed.split('.')
      if (version !== 'v1' || iv === undefined || tag === undefined || data === undefined) throw new Error('not a sealed value')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
    },
  }
}

/**
 * The key file beside the vault: created once with owner-only permissions; if someone widened
 * them, they are narrowed again and the user is told.
 */
export function openKeyFileCipher(dir: string, notices: StorageNotice[], now: () => number): SecretCipher {
  const path = join(dir, KEY_FILE)
  if (!existsSync(path)) {
    // `wx`: never overwrite a key another process just wrote.
    try {
      const fd = openSync(path, 'wx', 0o600)
      try {
        writeSync(fd, randomBytes(32).toString('base64'))
      } finally {
        closeSync(fd)
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  } else if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600)
    notices.push({
      level: 'warning',
      message: `The vault key ${path} was readable by other users; it is now readable by you only. If others could log in to this machine, replace your stored secrets.`,
      at: now(),
    })
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')
  return aesGcmCipher(key, `AES-256-GCM with a key file only you can read (${path})`)
}

/** A key that lives as long as the process: the default when nothing is saved to disk. */
export const ephemeralCipher = (): SecretCipher => aesGcmCipher(randomBytes(32), 'AES-256-GCM with a key kept in memory only (nothing is saved)')
