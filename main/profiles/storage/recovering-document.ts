import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Clock } from '../../clock'
import { DocumentError, type DocumentCodec } from './document-codec'
import type { DocumentStore, StorageBackend, StorageNotice } from './storage-port'

/**
 * A document that never loses data. Every successful write leaves a last-good copy beside the
 * file. On open, a file that does not parse or does not fit the schema (a crash mid-write
 * elsewhere, a hand edit gone wrong, a newer app version) is moved aside with a timestamp,
 * the last good copy is loaded instead, and the user is told where both are. Older versions
 * are migrated, with the original kept beside the file.
 */
export class RecoveringDocument<T> {
  private current: T

  private constructor(
    private readonly store: DocumentStore,
    private readonly codec: DocumentCodec<T>,
    private readonly path: string | undefined,
    value: T,
  ) {
    this.current = value
  }

  static open<T>(backend: StorageBackend, codec: DocumentCodec<T>, clock: Clock, notices: StorageNotice[]): RecoveringDocument<T> {
    const path = backend.pathOf(codec.name)
    const say = (level: StorageNotice['level'], message: string): void => {
      notices.push({ level, message, at: clock.now() })
    }
    let loaded: { value: T; fromVersion: number } | undefined
    let rewrite = false
    if (path !== undefined) removeStaleTempFiles(path, clock.now())
    if (path !== undefined && existsSync(path)) {
      const read = readDocument(path, codec)
      if (read.ok) {
        loaded = read.loaded
      } else {
        const aside = sidePath(path, `corrupt-${stamp(clock.now())}`)
        renameSync(path, aside)
        chmodSync(aside, 0o600)
        const good = lastGoodPath(path)
        const backup = existsSync(good) ? readDocument(good, codec) : undefined
        if (backup && !backup.ok) {
          // The copy is broken too: keep it as well, since the next write replaces it.
          const goodAside = sidePath(path, `last-good.corrupt-${stamp(clock.now())}`)
          renameSync(good, goodAside)
          chmodSync(goodAside, 0o600)
        }
        if (backup?.ok) {
          loaded = backup.loaded
          say('warning', `The file with ${codec.label} could not be read (${read.reason}). It was kept as ${aside}, and the last good copy, saved ${when(good)}, was loaded instead: nothing is lost.`)
        } else {
          say('error', `The file with ${codec.label} could not be read (${read.reason}) and there is no good copy to fall back on. It was kept, untouched, as ${aside}; the app starts without it. Fix that file and put it back as ${path} to restore it.`)
        }
        rewrite = true
      }
    }
    const store = backend.open(codec.name)
    if (path === undefined) {
      // Memory: whatever the store holds (nothing on first open).
      const raw = store.read()
      loaded = raw && typeof raw === 'object' && Object.keys(raw).length > 0 ? codec.decode(raw) : undefined
    }
    const doc = new RecoveringDocument(store, codec, path, loaded?.value ?? codec.empty())
    if (loaded && loaded.fromVersion < codec.version && path !== undefined) {
      const kept = sidePath(path, `v${loaded.fromVersion}-backup`)
      copyFileSync(path, kept)
      say('info', `${capitalize(codec.label)} were upgraded from format ${loaded.fromVersion} to ${codec.version}. The original file is kept as ${kept}.`)
      rewrite = true
    }
    if (rewrite || (path !== undefined && !existsSync(lastGoodPath(path)) && existsSync(path))) doc.write(doc.current)
    return doc
  }

  get value(): T {
    return this.current
  }

  /** Writes atomically (through the backend), then refreshes the last-good copy. */
  write(next: T): void {
    this.store.write(this.codec.encode(next))
    this.current = next
    if (this.path !== undefined && existsSync(this.path)) {
      const good = lastGoodPath(this.path)
      const tmp = `${good}.tmp-${process.pid}`
      writeFileSync(tmp, readFileSync(this.path), { mode: 0o600 })
      renameSync(tmp, good)
    }
  }
}

type ReadResult<T> = { ok: true; loaded: { value: T; fromVersion: number } } | { ok: false; reason: string }

function readDocument<T>(path: string, codec: DocumentCodec<T>): ReadResult<T> {
  // A file that cannot be read at all (permissions, a folder in its place) is not "corrupt":
  // moving it aside would not help, so that error goes to the host.
  const text = readFileSync(path, 'utf8')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: `it is not valid JSON: ${(error as Error).message}` }
  }
  try {
    return { ok: true, loaded: codec.decode(raw) }
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, reason: error.message }
    throw error
  }
}

/** A write renames its temp file within milliseconds; one older than this was cut short. */
const STALE_TEMP_MS = 60_000

/**
 * Temp files of writes that never finished (the process was killed between writing the temp
 * file and renaming it over the document): never read, so only clutter; removed on open.
 */
function removeStaleTempFiles(path: string, now: number): void {
  const dir = dirname(path)
  const prefixes = [`${basename(path)}.tmp-`, `${basename(lastGoodPath(path))}.tmp-`]
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names.filter((n) => prefixes.some((p) => n.startsWith(p)))) {
    try {
      const full = join(dir, name)
      if (now - statSync(full).mtimeMs > STALE_TEMP_MS) unlinkSync(full)
    } catch {
      // Gone already, or not ours to remove: it stays clutter, nothing worse.
    }
  }
}

/** `profiles.json` → `profiles.last-good.json`. */
export const lastGoodPath = (path: string): string => sidePath(path, 'last-good')

export function sidePath(path: string, tag: string): string {
  const base = basename(path).replace(/\.json$/, '')
  return join(dirname(path), `${base}.${tag}.json`)
}

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-')

function when(path: string): string {
  try {
    return statSync(path).mtime.toISOString()
  } catch {
    return 'earlier'
  }
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
