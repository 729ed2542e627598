import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../../main/clock'
import { RunHistory } from '../../../main/history/run-history'
import { fileStorage, openStorage } from '../../../main/profiles/storage/open-storage'
import { FakeClock } from '../../support/fake-clock'
import { tempDir } from '../../support/temp-dir'
import { profileOf, secretOf } from './store-steps'

/**
 * The store survives a process killed while it writes. A real child process
 * (store-writer.ts, built with Vite like the benchmarks, run by plain node) writes profiles,
 * vault secrets and run-history records through the real conf-backed storage in a tight loop;
 * the test kills it with SIGKILL at random moments, several rounds on the same folder, and
 * after each round opens the store in this process.
 *
 * "Nothing lost" means: every step the child acknowledged (its three writes had returned) is
 * there, value for value; the one step in flight when the kill came is in each document either
 * whole or not at all (never a half-written file, never a partial profile); and the documents
 * never get ahead of the order they are written in (profiles, then the vault, then the history).
 * Nothing needed recovering, so no notice is shown; a file torn by hand is recovered, and said.
 */
const projectDir = new URL('../../..', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(`${projectDir}package.json`, 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }
const outDir = `${projectDir}out/test-store-writer`

describe('the store, when the process writing it is killed', () => {
  const data = tempDir('oft-kill-')
  const acks = tempDir('oft-kill-acks-')
  const ackFile = join(acks.path, 'acks.txt')
  let writer = ''

  beforeAll(async () => {
    // Built next to node_modules, so the child resolves conf and friends like the app does.
    const packages = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]
    await build({
      configFile: false,
      root: projectDir,
      logLevel: 'silent',
      build: {
        ssr: true,
        target: 'node20',
        outDir,
        emptyOutDir: true,
        rollupOptions: {
          input: { 'store-writer': `${projectDir}test/integration/reliability/store-writer.ts` },
          external: (id) => id.startsWith('node:') || builtinModules.includes(id) || packages.some((p) => id === p || id.startsWith(`${p}/`)),
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    })
    writer = join(outDir, 'store-writer.js')
  }, 60_000)

  afterAll(() => {
    data.remove()
    acks.remove()
  })

  const acknowledged = (): number[] => (existsSync(ackFile) ? readFileSync(ackFile, 'utf8').split('\n').filter(Boolean).map(Number) : [])

  /** Starts the writer, kills it `delayMs` after its first step of this round (or at once), waits for it to die. */
  async function killRound(delayMs: number | 'at-start'): Promise<void> {
    const before = acknowledged().length
    const child = spawn(process.execPath, [writer, data.path, ackFile], { stdio: ['ignore', 'ignore', 'pipe'] })
    const stderr: string[] = []
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
    if (delayMs !== 'at-start') {
      // The random moment counts from the round's first completed step, so it falls mid-loop.
      for (let waited = 0; acknowledged().length === before; waited += 5) {
        if (child.exitCode !== null) throw new Error(`the writer exited with ${child.exitCode}: ${stderr.join('')}`)
        if (waited > 20_000) throw new Error(`the writer made no step in 20 s: ${stderr.join('')}`)
        await new Promise((r) => setTimeout(r, 5))
      }
      await new Promise((r) => setTimeout(r, delayMs))
    }
    child.kill('SIGKILL')
    const end = await exited
    expect(end.signal, stderr.join('')).toBe('SIGKILL')
  }

  /**
   * Opens the store here and checks the definition of "nothing lost" above. `resumedAt` is the
   * step the writer resumed from (the run count after the previous round).
   */
  async function checkStore(label: string, resumedAt: number): Promise<{ profiles: number; secrets: number; runs: number; acked: number }> {
    const acked = acknowledged()
    // A step can finish without its acknowledgement (killed in between); the writer then
    // resumes after it, so the list may skip one, but never goes back.
    expect(acked.every((n, i) => i === 0 || n > acked[i - 1]!), `${label}: acknowledgements only grow`).toBe(true)
    // Known complete: everything before the resume point (the history is written last) and
    // every acknowledged step. At most one more step is in any document: the last one may have
    // finished unacknowledged, or the next one may be in flight, never both.
    const complete = Math.max(resumedAt, (acked.at(-1) ?? -1) + 1)
    // Every JSON file in the folder reads: the main files and their last-good copies.
    for (const name of readdirSync(data.path).filter((n) => n.endsWith('.json'))) {
      expect(() => JSON.parse(readFileSync(join(data.path, name), 'utf8')), `${label}: ${name}`).not.toThrow()
    }
    const options = fileStorage(data.path, systemClock)
    const storage = openStorage(options, systemClock)
    const history = RunHistory.open({ backend: options.backend, clock: systemClock, notices: storage.notices, limit: 1_000_000 })
    expect(storage.notices, `${label}: nothing needed recovering`).toEqual([])

    const profiles = (await storage.profiles.list()).filter((p) => !p.builtIn)
    expect(profiles.map((p) => p.id), label).toEqual(profiles.map((_, i) => `p-${i}`))
    profiles.forEach((p, i) => expect(p, `${label}: profile ${i}`).toEqual({ ...profileOf(i), builtIn: false }))

    let secrets = 0
    while (storage.vault.has(`p-${secrets}`, 'clientSecret')) {
      expect(storage.vault.values(`p-${secrets}`), `${label}: secret ${secrets}`).toEqual({ clientSecret: secretOf(secrets) })
      secrets++
    }
    expect(storage.vault.has(`p-${secrets + 1}`, 'clientSecret'), `${label}: no gap in the vault`).toBe(false)

    const runs = history.all().reverse().map((r) => r.run.id)
    expect(runs, label).toEqual(runs.map((_, i) => `run-${i}`))

    for (const [what, n] of [['profiles', profiles.length], ['secrets', secrets], ['runs', runs.length]] as const) {
      expect(n, `${label}: ${what} hold every step known complete (${complete}) and at most one more`).toBeGreaterThanOrEqual(complete)
      expect(n, `${label}: ${what}`).toBeLessThanOrEqual(complete + 1)
    }
    expect(profiles.length).toBeGreaterThanOrEqual(secrets)
    expect(secrets).toBeGreaterThanOrEqual(runs.length)
    return { profiles: profiles.length, secrets, runs: runs.length, acked: acked.length }
  }

  it('loses nothing acknowledged, never leaves a half-written file, and has nothing to recover', async () => {
    // Once at start-up (while the writer opens the store), then at random moments mid-loop.
    const delays: (number | 'at-start')[] = ['at-start', ...Array.from({ length: 6 }, () => Math.floor(Math.random() * 200))]
    const seen: Awaited<ReturnType<typeof checkStore>>[] = []
    for (const [round, delay] of delays.entries()) {
      await killRound(delay)
      const resumedAt = seen.at(-1)?.runs ?? 0
      seen.push(await checkStore(`round ${round + 1} (killed ${delay === 'at-start' ? 'at start' : `${delay} ms after a step`})`, resumedAt))
    }
    // The rounds made progress: the writer really was writing when it was killed.
    expect(seen.at(-1)!.acked).toBeGreaterThan(6)
  }, 60_000)

  it('recovers a file torn by a writer that was not atomic, from the last good copy, and says so', async () => {
    const before = await checkStore('before tearing', 0)
    const path = join(data.path, 'profiles.json')
    const text = readFileSync(path, 'utf8')
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)))

    const storage = openStorage(fileStorage(data.path, systemClock), systemClock)
    expect(storage.notices).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/could not be read.*last good copy.*nothing is lost/s) })])
    // The last good copy was refreshed after each step's profile write: every acknowledged one is there.
    const ids = (await storage.profiles.list()).filter((p) => !p.builtIn).map((p) => p.id)
    expect(ids.length).toBeGreaterThanOrEqual(before.runs)
    expect(ids).toEqual(ids.map((_, i) => `p-${i}`))
    expect(readdirSync(data.path).filter((n) => n.startsWith('profiles.corrupt-'))).toHaveLength(1)
  })
  it('removes the temp files of killed writes once they are stale, never a fresh one', async () => {
    const temps = () => readdirSync(data.path).filter((n) => n.includes('.tmp-'))
    const fresh = join(data.path, 'profiles.json.tmp-just-now')
    writeFileSync(fresh, '{')
    const left = temps()
    expect(left).toContain('profiles.json.tmp-just-now')
    // Opening now keeps them all: a live writer could be about to rename one.
    openStorage(fileStorage(data.path, systemClock), systemClock)
    expect(temps()).toEqual(left)
    // Two minutes on, every one of them is a write that was cut short.
    const later = new FakeClock(Date.now() + 120_000)
    openStorage(fileStorage(data.path, later), later)
    RunHistory.open({ backend: fileStorage(data.path, later).backend, clock: later, notices: [] })
    expect(temps()).toEqual([])
  })
})
