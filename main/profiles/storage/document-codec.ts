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

/**
 * The part every stored document shares: a JSON object with an integer format version this app
 * can read (not from a newer app). Returns the object and its version, or throws a `DocumentError`.
 */
export function readVersionedObject(raw: unknown, current: number): { doc: Record<string, unknown>; version: number } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new DocumentError('it is not a JSON object')
  const doc = raw as Record<string, unknown>
  const version = doc.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new DocumentError('it has no format version')
  if (version > current) {
    throw new DocumentError(`it was written by a newer version of the app (format ${version}; this one reads up to ${current})`)
  }
  return { doc, version }
}
