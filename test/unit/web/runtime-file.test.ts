import { chmodSync, existsSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRuntimeFile, removeRuntimeFile, runtimeFilePath, writeRuntimeFile } from '../../../main/web/runtime-file'

const info = { port: 4567, deliverToken: 'd'.repeat(43), pid: 123 }
const fresh = (): string => runtimeFilePath({ OFT_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'oft-rt-')) })

describe('the web host runtime file (how --deliver finds the running host)', () => {
  it('is per user, in the temp folder unless OFT_RUNTIME_DIR says otherwise', () => {
    expect(runtimeFilePath({})).toMatch(new RegExp(`^${tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*oauth-flow-tester-web-[\\w-]+\\.json$`))
    expect(runtimeFilePath({ OFT_RUNTIME_DIR: '/x' })).toMatch(/^\/x\/oauth-flow-tester-web-/)
  })

  it('is written readable by its owner only and read back', () => {
    const path = fresh()
    writeRuntimeFile(path, info)
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readRuntimeFile(path)).toEqual({ ok: true, info })
  })

  it('replaces a stale file of the same user', () => {
    const path = fresh()
    writeRuntimeFile(path, info)
    writeRuntimeFile(path, { ...info, port: 5678 })
    expect(readRuntimeFile(path)).toMatchObject({ ok: true, info: { port: 5678 } })
  })

  it.skipIf(process.platform === 'win32')('refuses a file others can read, a link, or junk', () => {
    const loose = fresh()
    writeFileSync(loose, JSON.stringify(info), { mode: 0o644 })
    chmodSync(loose, 0o644)
    expect(readRuntimeFile(loose)).toMatchObject({ ok: false, reason: expect.stringContaining('readable by other users') })

    const link = fresh()
    symlinkSync(loose, link)
    expect(readRuntimeFile(link)).toMatchObject({ ok: false, reason: expect.stringContaining('not a regular file') })
    // Nor is a link followed when writing.
    expect(() => writeRuntimeFile(link, info)).toThrow()

    const junk = fresh()
    writeFileSync(junk, '{"port":"80"}', { mode: 0o600 })
    expect(readRuntimeFile(junk)).toMatchObject({ ok: false, reason: expect.stringContaining('not a runtime file') })
  })

  it('says no host runs when there is no file', () => {
    expect(readRuntimeFile(fresh())).toMatchObject({ ok: false, reason: expect.stringContaining('No web host is running') })
  })

  it('is removed on exit only while it still names this host', () => {
    const path = fresh()
    writeRuntimeFile(path, info)
    removeRuntimeFile(path, 'another-token')
    expect(existsSync(path)).toBe(true)
    removeRuntimeFile(path, info.deliverToken)
    expect(existsSync(path)).toBe(false)
  })
})
