import Conf from 'conf'
import { join } from 'node:path'
import type { DocumentStore, StorageBackend } from './storage-port'

/** Options both conf and electron-store take: owner-only files, keys never split on dots. */
export const confOptions = (name: string) =>
  ({
    configName: name,
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
  }) as const

/** Adapts a conf (or electron-store, which extends it) instance to the port. */
export function confDocument(conf: Conf<Record<string, unknown>>): DocumentStore {
  return {
    read: () => conf.store,
    write: (value) => {
      conf.store = value
    },
  }
}

/** The port backed by `conf` files in one folder: the web host and the tests. */
export function confBackend(dir: string): StorageBackend {
  return {
    location: dir,
    pathOf: (name) => join(dir, `${name}.json`),
    open: (name) => confDocument(new Conf<Record<string, unknown>>({ cwd: dir, ...confOptions(name) })),
  }
}
