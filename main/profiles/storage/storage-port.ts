/**
 * The storage port: a named JSON document that is read whole and written whole, atomically.
 * The web host and the tests back it with `conf` files, the Electron host with
 * `electron-store` (the same library underneath), the defaults with memory.
 */
export interface DocumentStore {
  read(): unknown
  write(value: Record<string, unknown>): void
}

export interface StorageBackend {
  /** What the user should know about where data lives ("/home/ada/.config/…", "memory"). */
  readonly location: string
  /** The file a document lives in, known before it is opened, so recovery can look first. */
  pathOf(name: string): string | undefined
  open(name: string): DocumentStore
}

/** Something the user must be told about their stored data (shown as a banner). */
export interface StorageNotice {
  level: 'info' | 'warning' | 'error'
  message: string
  at: number
}
