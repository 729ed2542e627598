import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { DEEP_LINK_REDIRECT_URI, DEEP_LINK_SCHEME } from '../../../main/capture/deep-link'
import { SANDBOX_DEEP_LINK } from '../../../main/sandbox/oidc/oidc-sandbox'

/**
 * The OS can only hand a deep link back if the installer declares the scheme. These read
 * electron-builder.yml with electron-builder's own loader and build the Linux desktop entries
 * with its own code, so the check is what an installer would contain, not a regex on YAML.
 */
const require = createRequire(import.meta.url)
const { getConfig } = require('app-builder-lib/out/util/config/load.js') as {
  getConfig: (request: object) => Promise<{ result: BuilderConfig; configFile: string } | null>
}
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper.js') as {
  LinuxTargetHelper: new (packager: object) => { computeDesktopEntry(options: object, exec?: string): Promise<string> }
}
const { default: AppImageTarget } = require('app-builder-lib/out/targets/appimage/AppImageTarget.js') as {
  default: new (ignored: null, packager: object, helper: object, outDir: string) => { desktopEntry: { value: Promise<string> } }
}

interface BuilderConfig {
  protocols?: { name: string; schemes: string[] }[]
  linux?: Record<string, unknown>
  deb?: Record<string, unknown>
}

async function loadConfig(): Promise<BuilderConfig> {
  const root = new URL('../../..', import.meta.url).pathname
  const loaded = await getConfig({ packageKey: 'build', configFilename: 'electron-builder', projectDir: root, packageMetadata: null })
  if (!loaded) throw new Error('electron-builder.yml not found')
  expect(loaded.configFile).toMatch(/electron-builder\.yml$/)
  return loaded.result
}

function fakePackager(config: BuilderConfig): object {
  return {
    appInfo: { productName: 'OAuth Flow Tester', sanitizedProductName: 'OAuth Flow Tester', productFilename: 'OAuth Flow Tester', description: 'test', buildVersion: '0.1.0' },
    executableName: 'oauth-flow-tester',
    info: { metadata: { desktopName: 'oauth-flow-tester.desktop' } },
    fileAssociations: [],
    config,
    platformSpecificBuildOptions: config.linux ?? {},
  }
}

const entryLine = (entry: string, key: string): string | undefined =>
  entry.split('\n').find((line) => line.startsWith(`${key}=`))?.slice(key.length + 1)

describe('deep-link scheme in the installers', () => {
  it('declares the scheme the app and the sandbox use (macOS CFBundleURLTypes come from here)', async () => {
    const config = await loadConfig()
    expect(config.protocols?.flatMap((p) => p.schemes)).toEqual([DEEP_LINK_SCHEME])
    expect(SANDBOX_DEEP_LINK).toBe(DEEP_LINK_REDIRECT_URI)
    // RFC 8252 §7.1: a reversed domain name, not a bare word like "myapp".
    expect(DEEP_LINK_SCHEME).toMatch(/^[a-z]+\.[a-z]+/)
  })

  it('makes the deb desktop entry a handler of the scheme that gets the URL after "--"', async () => {
    const config = await loadConfig()
    const packager = fakePackager(config)
    // As electron-builder's FpmTarget merges them for the deb target.
    const debOptions = { ...config.linux, ...config.deb }
    const entry = await new LinuxTargetHelper(packager).computeDesktopEntry(debOptions)
    expect(entryLine(entry, 'MimeType')?.split(';')).toContain(`x-scheme-handler/${DEEP_LINK_SCHEME}`)
    // Listed once: electron-builder adds it from `protocols`.
    expect(entryLine(entry, 'MimeType')?.match(new RegExp(`x-scheme-handler/${DEEP_LINK_SCHEME.replace('.', '\\.')}`, 'g'))).toHaveLength(1)
    expect(entryLine(entry, 'Exec')).toMatch(/ -- %u$/)
  })

  it('keeps the AppImage entry a handler too, without losing its --no-sandbox', async () => {
    const config = await loadConfig()
    const packager = fakePackager(config)
    const target = new AppImageTarget(null, packager, new LinuxTargetHelper(packager), '/tmp')
    const entry = await target.desktopEntry.value
    expect(entryLine(entry, 'MimeType')?.split(';')).toContain(`x-scheme-handler/${DEEP_LINK_SCHEME}`)
    expect(entryLine(entry, 'Exec')).toBe('AppRun --no-sandbox %U')
  })
})
