import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test as base, expect } from '@playwright/test'

export interface RunningHost {
  url: string
  token: string
  port: number
  /** Where this host keeps profiles and the vault (a temp folder; never the user's own). */
  dataDir: string
  /** Everything the host printed on stderr, for failure messages. */
  stderr: string[]
  /** Where this host's runtime file lives (OFT_RUNTIME_DIR), for `web.js --deliver`. */
  runtimeDir: string
}

/**
 * Starts the built web host (`node out/main/web.js --json`) on a data folder (a fresh temp one
 * unless given, so a test can restart the host on the same folder) and returns how to stop it.
 * Each host also gets its own runtime folder, so tests never touch a developer's running host.
 */
export async function startHost(opts: { dataDir?: string } = {}): Promise<{ host: RunningHost; stop: () => Promise<void> }> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'oft-e2e-'))
  const runtimeDir = mkdtempSync(join(tmpdir(), 'oft-e2e-runtime-'))
  const child: ChildProcess = spawn(process.execPath, ['out/main/web.js', '--json', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OFT_RUNTIME_DIR: runtimeDir },
  })
  const stderr: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr.join('')}`)), 15_000)
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer)
      resolve(l)
    })
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr.join('')}`)))
  })
  const parsed = JSON.parse(line) as Omit<RunningHost, 'stderr' | 'dataDir' | 'runtimeDir'>
  return {
    host: { ...parsed, dataDir, stderr, runtimeDir },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export const test = base.extend<{ host: RunningHost }>({
  // Playwright requires the destructuring pattern even when no other fixture is used.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const { host, stop } = await startHost()
    await use(host)
    await stop()
    rmSync(host.dataDir, { recursive: true, force: true })
  },
})

export { expect }
