import type { SafeStorage } from 'electron'
import { mkdirSync } from 'node:fs'
import type { Clock } from '../clock'
import { memoryStorage, type StorageOptions } from '../profiles/storage/open-storage'
import type { StorageNotice } from '../profiles/storage/storage-port'
import { openKeyFileCipher } from '../profiles/vault/key-file-cipher'
import { chooseCipher } from './cipher-choice'
import { electronStoreBackend } from './electron-store-backend'
import { safeStorageCipher } from './safe-storage-cipher'

/**
 * The desktop app's storage: electron-store files in userData, secrets through safeStorage.
 * If the folder cannot be used, the app still starts, keeps profiles in memory and says so.
 */
export function desktopStorage(userData: string, safeStorage: SafeStorage, clock: Clock): StorageOptions {
  try {
    return openDesktopStorage(userData, safeStorage, clock)
  } catch (error) {
    const message = `Profiles cannot be saved in ${userData} (${(error as Error).message}). This session keeps them in memory only; fix the folder’s permissions and restart.`
    return { ...memoryStorage(), notices: [{ level: 'error', message, at: clock.now() }] }
  }
}

function openDesktopStorage(userData: string, safeStorage: SafeStorage, clock: Clock): StorageOptions {
  mkdirSync(userData, { recursive: true, mode: 0o700 })
  const notices: StorageNotice[] = []
  const choice = chooseCipher({
    platform: process.platform,
    available: safeStorage.isEncryptionAvailable(),
    ...(process.platform === 'linux' && { linuxBackend: safeStorage.getSelectedStorageBackend() }),
  })
  if (choice.warning !== undefined) notices.push({ level: 'warning', message: choice.warning, at: clock.now() })
  const cipher =
    choice.use === 'safe-storage'
      ? safeStorageCipher(safeStorage, choice.warning === undefined ? 'The system keychain (Electron safeStorage)' : 'Electron safeStorage without a keyring (obscured, not protected)')
      : openKeyFileCipher(userData, notices, () => clock.now())
  return { backend: electronStoreBackend(userData), cipher, notices, fallbackToMemory: true }
}
