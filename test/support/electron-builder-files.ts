import { createRequire } from 'node:module'
import path from 'node:path'

/**
 * Asks electron-builder itself which files it would put into the app's asar, using its own
 * configuration loader, schema validation, file matchers and node-module collector. Nothing is
 * packed and no Electron binary is needed, so this runs on our machines too.
 */
const require = createRequire(import.meta.url)

interface FileSet {
  src: string
  files: string[]
  metadata: Map<string, { isDirectory(): boolean }>
}

export interface PackagedFiles {
  /** Paths inside the asar, e.g. `out/main/electron.js`, `node_modules/jose/package.json`. */
  files: string[]
  /** Top-level package names under node_modules in the asar. */
  modules: string[]
}

export async function loadBuilderConfig(projectDir: string): Promise<unknown> {
  const { Packager, Platform } = require('app-builder-lib')
  const packager = new Packager({ targets: Platform.LINUX.createTarget('dir'), projectDir })
  await packager.validateConfig()
  return packager.config
}

export async function validateBuilderConfig(config: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config')
  const { DebugLogger } = require('builder-util')
  await validateConfiguration(config, new DebugLogger(false))
}

/**
 * The installer file names electron-builder would write, computed by its own platform helpers
 * (x64 on Linux and Windows, Apple silicon on macOS).
 */
export async function artifactNames(projectDir: string): Promise<Record<'appImage' | 'deb' | 'nsis' | 'dmg', string>> {
  const { Packager, Platform, AppInfo, Arch } = require('app-builder-lib')
  const packager = new Packager({ targets: Platform.LINUX.createTarget('dir'), projectDir })
  await packager.validateConfig()
  packager._appInfo = new AppInfo(packager, null)
  const name = async (platform: unknown, key: string, ext: string, arch: unknown): Promise<string> =>
    (await packager.createHelper(platform)).expandArtifactNamePattern(packager.config[key], ext, arch)
  return {
    appImage: await name(Platform.LINUX, 'appImage', 'AppImage', Arch.x64),
    deb: await name(Platform.LINUX, 'deb', 'deb', Arch.x64),
    nsis: await name(Platform.WINDOWS, 'nsis', 'exe', Arch.x64),
    dmg: await name(Platform.MAC, 'dmg', 'dmg', Arch.arm64),
  }
}

export async function packagedFiles(projectDir: string): Promise<PackagedFiles> {
  const { Packager, Platform, AppInfo } = require('app-builder-lib')
  const matchers = require('app-builder-lib/out/fileMatcher')
  const copier = require('app-builder-lib/out/util/appFileCopier')
  const packager = new Packager({ targets: Platform.LINUX.createTarget('dir'), projectDir })
  await packager.validateConfig()
  packager._appInfo = new AppInfo(packager, null)
  const linux = await packager.createHelper(Platform.LINUX)
  const destination = '/asar'
  const expand = (pattern: string): string => pattern
  const main = matchers.getMainFileMatchers(packager.appDir, destination, expand, linux.platformSpecificBuildOptions, linux, path.join(projectDir, 'release'), false)
  const moduleMatcher = matchers.getNodeModuleFileMatcher(packager.appDir, destination, expand, linux.platformSpecificBuildOptions, packager)
  const sets: FileSet[] = [
    ...(await copier.computeFileSets(main, null, linux, false)),
    ...(await copier.computeNodeModuleFileSets(linux, moduleMatcher)),
  ]
  const files: string[] = []
  for (const set of sets) {
    for (const file of set.files) {
      if (set.metadata.get(file)?.isDirectory()) continue
      const inSrc = path.relative(set.src, file)
      files.push(inSrc.includes('node_modules') || set.src.includes('node_modules') ? `node_modules/${path.relative(path.join(projectDir, 'node_modules'), file)}` : inSrc)
    }
  }
  const modules = new Set<string>()
  for (const file of files) {
    const rest = file.startsWith('node_modules/') ? file.slice('node_modules/'.length) : undefined
    if (!rest) continue
    const parts = rest.split('/')
    modules.add(rest.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? ''))
  }
  return { files: files.sort(), modules: [...modules].sort() }
}
