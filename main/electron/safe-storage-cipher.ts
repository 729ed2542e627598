import type { SafeStorage } from 'electron'
import type { SecretCipher } from '../profiles/vault/cipher'

/** The OS keychain (Keychain, DPAPI, libsecret / kwallet) through Electron's safeStorage. */
export function safeStorageCipher(safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString'>, description: string): SecretCipher {
  return {
    kind: 'electron-safe-storage',
    description,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}
