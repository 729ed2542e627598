import type { StorageBackend } from './storage-port'

/** Nothing on disk: the default of `createService` when no storage is given (some tests). */
export function memoryBackend(): StorageBackend {
  const docs = new Map<string, string>()
  return {
    location: 'memory (nothing is saved)',
    pathOf: () => undefined,
    open: (name) => ({
      read: () => JSON.parse(docs.get(name) ?? '{}') as unknown,
      write: (value) => {
        docs.set(name, JSON.stringify(value))
      },
    }),
  }
}
