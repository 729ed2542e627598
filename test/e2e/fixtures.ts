import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test as base, expect } from '@playwright/test'

export interface RunningHost {
  url: string
  token: string
  port: number
  /** Everything the host printed on stderr, for failure messages. */
  stderr: string[]
  /** Where this host's runtime file lives (OFT_RUNTIME_DIR), for `web.js --deliver`. */
  runtimeDir: string
}

/** Starts the built web host (`node out/main/web.js --json`) for one test and stops it after. */
export async function startHost(): Promise<{ host: RunningHost; stop: () => Promise<void> }> {
  // Each host gets its own runtime folder, so tests never touch a developer's running host.
  const runtimeDir = mkdtempSync(join(tmpdir(), 'oft-e2e-runtime-'))
  const child: ChildProcess = spawn(process.execPath, ['out/main/web.js', '--json'], {
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
  const parsed = JSON.parse(line) as Omit<RunningHost, 'stderr' | 'runtimeDir'>
  return {
    host: { ...parsed, stderr, runtimeDir },
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
  },
})

export { expect }
