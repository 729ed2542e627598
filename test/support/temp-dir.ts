import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

/** A fresh folder under the OS temp dir; tests never touch the user's real data folder. */
export function tempDir(prefix = 'oft-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Every file under a folder, with its bytes, for "what did we write?" assertions. */
export function filesUnder(dir: string): { path: string; name: string; bytes: Buffer; mode: number }[] {
  const out: { path: string; name: string; bytes: Buffer; mode: number }[] = []
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.push({ path: full, name: relative(dir, full), bytes: readFileSync(full), mode: statSync(full).mode })
    }
  }
  walk(dir)
  return out
}
