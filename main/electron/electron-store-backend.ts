import ElectronStore from 'electron-store'
import { join } from 'node:path'
import { confDocument, confOptions } from '../profiles/storage/conf-backend'
import type { StorageBackend } from '../profiles/storage/storage-port'

/**
 * The storage port backed by electron-store in the app's userData folder: the same files,
 * options and recovery as the web host's conf backend (electron-store is conf underneath).
 */
export function electronStoreBackend(userData: string): StorageBackend {
  return {
    location: userData,
    pathOf: (name) => join(userData, `${name}.json`),
    open: (name) => {
      const { configName, ...rest } = confOptions(name)
      return confDocument(new ElectronStore<Record<string, unknown>>({ name: configName, cwd: userData, ...rest }))
    },
  }
}
