import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The lint rules that enforce DESIGN.md's layers must actually fail on a violation. */
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('house rules are enforced by lint', () => {
  it('fails when electron is imported outside main/electron', async () => {
    const errors = await restrictedImportErrors('main/flows/sneaky.ts', "import { app } from 'electron'\nexport const a = app\n")
    expect(errors.join('\n')).toContain('Only main/electron/** may import electron')
  })

  it('allows electron inside main/electron', async () => {
    expect(await restrictedImportErrors('main/electron/sneaky.ts', "import { app } from 'electron'\nexport const a = app\n")).toEqual([])
  })

  it('keeps shared/ free of node built-ins and of main/', async () => {
    expect(await restrictedImportErrors('shared/x.ts', "import { readFile } from 'node:fs'\nexport const r = readFile\n")).not.toEqual([])
    expect(await restrictedImportErrors('shared/x.ts', "import { a } from '../main/service'\nexport const r = a\n")).not.toEqual([])
  })

  it('keeps the renderer away from main/ and node built-ins', async () => {
    expect(await restrictedImportErrors('renderer/src/x.ts', "import { createService } from '../../main/service'\nexport const r = createService\n")).not.toEqual([])
    expect(await restrictedImportErrors('renderer/src/x.ts', "import fs from 'node:fs'\nexport const r = fs\n")).not.toEqual([])
  })

  it('keeps the web transport inside main/web', async () => {
    expect(await restrictedImportErrors('main/flows/x.ts', "import { startWebHost } from '../web/server'\nexport const r = startWebHost\n")).not.toEqual([])
  })
})
