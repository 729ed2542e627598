/** How one kind of document is read (any stored version) and written (the current one). */
export interface DocumentCodec<T> {
  /** File base name, e.g. `profiles` → `profiles.json`. */
  name: string
  /** What it holds, for messages: "your profiles". */
  label: string
  version: number
  /** Reads a stored document, migrating older versions; throws `DocumentError` when unusable. */
  decode(raw: unknown): { value: T; fromVersion: number }
  encode(value: T): Record<string, unknown>
  empty(): T
}

/** Why a stored document cannot be used, in words for the user. */
export class DocumentError extends Error {
  override name = 'DocumentError'
}
