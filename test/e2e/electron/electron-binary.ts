import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Finds the Electron binary without `require('electron')`, which would try to download it.
 * Where no binary exists (our CI: its download host is unreachable) the Electron specs skip.
 */
export function findElectronBinary(): { found: true; path: string } | { found: false; reason: string } {
  const pkgDir = join(process.cwd(), 'node_modules', 'electron')
  const pathFile = join(pkgDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const path = join(override, relative ?? 'electron')
    return existsSync(path) ? { found: true, path } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${path}` }
  }
  if (relative === undefined) return { found: false, reason: 'node_modules/electron has no downloaded binary (path.txt missing)' }
  const path = join(pkgDir, 'dist', relative)
  return existsSync(path) ? { found: true, path } : { found: false, reason: `${path} does not exist` }
}
