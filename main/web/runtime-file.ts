import { closeSync, constants, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

/**
 * How a second process finds the running web host, the way the OS finds the running desktop
 * app for a deep link: a small file in the temp folder with the port and a token that only
 * opens the host's deliver route. One file per user, readable by that user only, written
 * without following links, removed when the host stops.
 */
export interface RuntimeInfo {
  port: number
  /** Opens `POST /host/deliver` only; the page never sees it. */
  deliverToken: string
  pid: number
}

export type ReadRuntime = { ok: true; info: RuntimeInfo } | { ok: false; reason: string }

/** `OFT_RUNTIME_DIR` moves it (tests give each host its own folder). */
export function runtimeFilePath(env: Record<string, string | undefined> = process.env): string {
  const dir = env.OFT_RUNTIME_DIR !== undefined && env.OFT_RUNTIME_DIR !== '' ? env.OFT_RUNTIME_DIR : tmpdir()
  return join(dir, `oauth-flow-tester-web-${userKey()}.json`)
}

function userKey(): string {
  const uid = process.getuid?.()
  if (uid !== undefined) return String(uid)
  return userInfo().username.replace(/[^A-Za-z0-9_-]/g, '_') || 'user'
}

/**
 * Writes the file with mode 0600. A stale file is replaced (the newest host takes the deep
 * links, as the newest desktop instance would); `wx` refuses to write through a link or into
 * a file someone created in between.
 */
export function writeRuntimeFile(path: string, info: RuntimeInfo): void {
  try {
    const stat = lstatSync(path)
    if (!stat.isFile() || !ownedByUs(stat.uid)) throw new Error(`${path} exists and is not a file of this user; remove it.`)
    unlinkSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600)
  try {
    writeSync(fd, `${JSON.stringify(info)}\n`)
  } finally {
    closeSync(fd)
  }
}

/** Reads it back, refusing anything another user could have written or read. */
export function readRuntimeFile(path: string): ReadRuntime {
  let text: string
  try {
    const stat = lstatSync(path)
    if (!stat.isFile()) return { ok: false, reason: `${path} is not a regular file.` }
    if (!ownedByUs(stat.uid)) return { ok: false, reason: `${path} belongs to another user; refusing it.` }
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      return { ok: false, reason: `${path} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}); refusing it.` }
    }
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { ok: false, reason: code === 'ENOENT' ? 'No web host is running (start one with `npm run start:web`).' : (error as Error).message }
  }
  try {
    const value = JSON.parse(text) as Partial<RuntimeInfo>
    if (
      typeof value.port === 'number' &&
      Number.isInteger(value.port) &&
      value.port > 0 &&
      value.port < 65536 &&
      typeof value.deliverToken === 'string' &&
      value.deliverToken.length >= 32 &&
      typeof value.pid === 'number'
    ) {
      return { ok: true, info: { port: value.port, deliverToken: value.deliverToken, pid: value.pid } }
    }
  } catch {
    // reported below
  }
  return { ok: false, reason: `${path} is not a runtime file of this app.` }
}

/** Removes the file if it is still ours (a newer host may have replaced it). */
export function removeRuntimeFile(path: string, deliverToken: string): void {
  const current = readRuntimeFile(path)
  if (current.ok && current.info.deliverToken === deliverToken) {
    try {
      unlinkSync(path)
    } catch {
      // Already gone.
    }
  }
}

function ownedByUs(uid: number): boolean {
  const ours = process.getuid?.()
  return ours === undefined || uid === ours
}
