import { readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadBuilderConfig, packagedFiles, validateBuilderConfig, type PackagedFiles } from '../../support/electron-builder-files'

const projectDir = new URL('../../..', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(`${projectDir}package.json`, 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> }

describe('electron-builder configuration', () => {
  it('validates against electron-builder’s own schema', async () => {
    await expect(loadBuilderConfig(projectDir)).resolves.toMatchObject({ appId: 'dev.oauthflowtester.app' })
  })

  it('and that validation can fail', async () => {
    const config = (await loadBuilderConfig(projectDir)) as Record<string, unknown>
    await expect(validateBuilderConfig({ ...config, protocols: [{ name: 'x' }], windowSize: 3 })).rejects.toThrow(/windowSize|schemes/)
  })
})

describe('what the installer packs into the asar', () => {
  let packed: PackagedFiles
  beforeAll(async () => {
    // The list is computed from the build; make sure one exists.
    execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: projectDir, stdio: 'ignore' })
    packed = await packagedFiles(projectDir)
  }, 120_000)

  it('holds the built app: main, preload, renderer', () => {
    expect(packed.files).toEqual(expect.arrayContaining(['package.json', 'out/main/electron.js', 'out/preload/preload.cjs', 'out/renderer/index.html']))
  })

  it('holds no tests, fixtures, sources, source maps or scripts', () => {
    const own = packed.files.filter((f) => !f.startsWith('node_modules/'))
    expect(own.filter((f) => /^(test|tests|fixtures|scripts|main|shared|renderer|docs|bench)\//.test(f))).toEqual([])
    expect(own.filter((f) => f.endsWith('.map') || f.endsWith('.ts') || f.endsWith('.vue'))).toEqual([])
  })

  it('holds no development dependency (unless production code needs it too)', () => {
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => !(name in pkg.dependencies))
    expect(packed.modules.filter((name) => devOnly.includes(name))).toEqual([])
    expect(packed.modules).toEqual(expect.arrayContaining(Object.keys(pkg.dependencies)))
    expect(packed.modules).not.toContain('electron')
    expect(packed.modules).not.toContain('vite')
    expect(packed.modules).not.toContain('vue')
  })
})
