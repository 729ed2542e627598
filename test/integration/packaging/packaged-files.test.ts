import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunView } from '../../../shared/domain/run'
import { LOCAL_SANDBOX_ID, LOCAL_VENDOR_HOSTED_ID } from '../../../main/profiles/builtin'
import { artifactNames, loadBuilderConfig, packagedFiles, validateBuilderConfig, type PackagedFiles } from '../../support/electron-builder-files'
import { loginThroughSandbox } from '../../support/sandbox-login'
import { tempDir } from '../../support/temp-dir'

const projectDir = new URL('../../..', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(`${projectDir}package.json`, 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> }

describe('electron-builder configuration', () => {
  it('validates against electron-builder’s own schema', async () => {
    await expect(loadBuilderConfig(projectDir)).resolves.toMatchObject({ appId: 'dev.oauthflowtester.app', productName: 'OAuth Flow Tester' })
  })

  it('and that validation can fail', async () => {
    const config = (await loadBuilderConfig(projectDir)) as Record<string, unknown>
    await expect(validateBuilderConfig({ ...config, protocols: [{ name: 'x' }], windowSize: 3 })).rejects.toThrow(/windowSize|schemes/)
  })

  it('names every installer with the version, the OS and the architecture', async () => {
    const v = pkg.version
    expect(await artifactNames(projectDir)).toEqual({
      appImage: `OAuth Flow Tester-${v}-linux-x86_64.AppImage`,
      deb: `OAuth Flow Tester-${v}-linux-amd64.deb`,
      nsis: `OAuth Flow Tester-${v}-win-x64.exe`,
      dmg: `OAuth Flow Tester-${v}-mac-arm64.dmg`,
    })
  })

  it('builds a per-user Windows installer that may change folder, and a hardened macOS app', async () => {
    const config = (await loadBuilderConfig(projectDir)) as Record<string, Record<string, unknown>>
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, createDesktopShortcut: true, createStartMenuShortcut: true })
    expect(config.mac).toMatchObject({ target: 'dmg', hardenedRuntime: true, category: 'public.app-category.developer-tools' })
    expect(config.win).toMatchObject({ target: 'nsis' })
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] })
  })
})

describe('what the installer packs into the asar', () => {
  let packed: PackagedFiles
  beforeAll(async () => {
    // The list is computed from the build; make sure one exists.
    execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: projectDir, stdio: 'ignore' })
    packed = await packagedFiles(projectDir)
  }, 120_000)

  it('holds the built desktop app: main, preload, renderer', () => {
    expect(packed.files).toEqual(expect.arrayContaining(['package.json', 'out/main/electron.js', 'out/preload/preload.cjs', 'out/renderer/index.html']))
    // Every chunk electron.js imports.
    const chunks = [...readFileSync(`${projectDir}out/main/electron.js`, 'utf8').matchAll(/from\s*"\.\/(chunks\/[^"]+)"/g)].map((m) => `out/main/${m[1]}`)
    expect(chunks.length).toBeGreaterThan(0)
    expect(packed.files).toEqual(expect.arrayContaining(chunks))
  })

  it('leaves out the web host’s entry and page bridge, the benchmarks, tests, fixtures, sources, source maps and scripts', () => {
    const own = packed.files.filter((f) => !f.startsWith('node_modules/'))
    expect(own).not.toContain('out/main/web.js')
    expect(own.filter((f) => /^out\/(bridge|bench)\//.test(f))).toEqual([])
    expect(own.filter((f) => /^(test|tests|fixtures|scripts|main|shared|renderer|docs|bench|build|release)\//.test(f))).toEqual([])
    expect(own.filter((f) => f.endsWith('.map') || f.endsWith('.ts') || f.endsWith('.vue'))).toEqual([])
    // Only the desktop app's own output, nothing else of the project.
    expect(own.every((f) => f === 'package.json' || /^out\/(main|preload|renderer)\//.test(f))).toBe(true)
  })

  it('holds no development dependency (unless production code needs it too)', () => {
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => !(name in pkg.dependencies))
    expect(packed.modules.filter((name) => devOnly.includes(name))).toEqual([])
    expect(packed.modules).toEqual(expect.arrayContaining(Object.keys(pkg.dependencies)))
    for (const dev of ['electron', 'electron-builder', 'vite', 'vue', 'vitest', '@playwright/test', 'fast-check', 'typescript', 'openid-client']) expect(packed.modules).not.toContain(dev)
  })

  it('takes from the dependencies only what runs: no TypeScript, typings, tests, benchmarks or changelogs', () => {
    const modules = packed.files.filter((f) => f.startsWith('node_modules/'))
    expect(modules.filter((f) => /\.(ts|cts|mts|tsx)$/.test(f))).toEqual([])
    expect(modules.filter((f) => /\/(spec|test|tests|__tests__|benchmarks?|examples?)\//.test(f))).toEqual([])
    expect(modules.filter((f) => /\/(README|CHANGELOG|HISTORY)\.md$/i.test(f))).toEqual([])
    expect(modules.filter((f) => f.endsWith('.map'))).toEqual([])
    // Licences stay with the code they cover.
    expect(modules).toEqual(expect.arrayContaining(['node_modules/oidc-provider/LICENSE.md', 'node_modules/jose/LICENSE.md', 'node_modules/zod/LICENSE']))
  })

  it('stays small: under 1,500 files and 8 MB before compression', () => {
    const bytes = packed.files.reduce((sum, f) => sum + statSync(join(projectDir, f)).size, 0)
    expect(packed.files.length).toBeLessThan(1500)
    expect(bytes).toBeLessThan(8 * 1024 * 1024)
  })

  describe('is all the embedded sandbox and the vendor simulator need at run time', () => {
    // Electron cannot run here, so the packed files are copied to a folder of their own and the
    // same service is started from them by the web host's entry, the one file added. Node
    // resolves every import from that folder alone: a file the asar lacks (a lazily loaded part
    // of oidc-provider, a nested dependency) fails the flow.
    const staged = tempDir('oft-asar-')
    let child: ChildProcess | undefined
    let base = ''
    let token = ''
    const stderr: string[] = []

    beforeAll(async () => {
      const app = join(staged.path, 'app')
      for (const file of [...packed.files, 'out/main/web.js', 'out/bridge/bridge.js']) {
        mkdirSync(dirname(join(app, file)), { recursive: true })
        copyFileSync(join(projectDir, file), join(app, file))
      }
      child = spawn(process.execPath, [join(app, 'out/main/web.js'), '--json', '--data-dir', join(staged.path, 'data')], {
        cwd: staged.path,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '', OFT_RUNTIME_DIR: staged.path },
      })
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child!.stdout! }).once('line', resolve)
        child!.once('exit', (code) => reject(new Error(`the staged app exited with ${code}: ${stderr.join('')}`)))
      })
      const started = JSON.parse(line) as { port: number; token: string }
      base = `http://127.0.0.1:${started.port}`
      token = started.token
    }, 60_000)

    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child!.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      staged.remove()
    })

    const call = async <T,>(name: string, body: unknown): Promise<T> => {
      const res = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
      const answer = (await res.json()) as { ok: boolean; value: T; error?: { message: string } }
      if (!answer.ok) throw new Error(`${name}: ${answer.error?.message}`)
      return answer.value
    }
    const settled = async (runId: string, statuses: RunView['status'][]): Promise<RunView> => {
      for (let i = 0; i < 200; i++) {
        const run = await call<RunView>('getRun', { runId })
        if (statuses.includes(run.status)) return run
        await new Promise((r) => setTimeout(r, 25))
      }
      throw new Error(`run ${runId} never reached ${statuses.join('/')}`)
    }

    it('a whole flow on the embedded sandbox (oidc-provider: discovery, login pages, token exchange)', async () => {
      // The host opens the authorization page in a connected page; this stream stands in for it.
      const events = await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${token}` } })
      try {
        const run = await call<RunView>('startFlow', { profileId: LOCAL_SANDBOX_ID })
        expect(run.diagnoses.map((d) => d.summary)).toEqual([])
        expect(run.authorizeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?/)
        await loginThroughSandbox(run.authorizeUrl!, { followFinal: true })
        const done = await settled(run.id, ['succeeded', 'failed'])
        expect(done.diagnoses.map((d) => d.summary)).toEqual([])
        expect(done.status).toBe('succeeded')
      } finally {
        await events.body?.cancel()
      }
      expect(stderr.join('')).not.toMatch(/Cannot find (module|package)|ERR_MODULE_NOT_FOUND/)
    })

    it('the vendor simulator starts and serves its hosted sign-in page', async () => {
      const events = await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${token}` } })
      try {
        const run = await call<RunView>('startFlow', { profileId: LOCAL_VENDOR_HOSTED_ID })
        const waiting = await settled(run.id, ['awaiting-callback', 'failed'])
        expect(waiting.diagnoses.map((d) => d.summary)).toEqual([])
        const page = await fetch(waiting.authorizeUrl!)
        expect(page.status).toBe(200)
        expect(await page.text()).toMatch(/<form/i)
        await call('cancelFlow', { runId: run.id })
      } finally {
        await events.body?.cancel()
      }
    })
  })
})
