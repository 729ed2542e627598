import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, expect, test } from '@playwright/test'
import { CALL_NAMES } from '../../../shared/contract/names'
import { loginThroughSandbox } from '../../support/sandbox-login'
import { findElectronBinary } from './electron-binary'

const binary = findElectronBinary()

/** The first flow in the real Electron host. Runs wherever the Electron binary exists. */
test.describe('Electron host', () => {
  test.skip(!binary.found, `skipped: no Electron binary (${binary.found ? '' : binary.reason})`)

  test('Run on "Local sandbox" completes and shows the tokens', async () => {
    if (!binary.found) return
    const env = { ...process.env, OFT_USER_DATA: mkdtempSync(join(tmpdir(), 'oft-electron-')) } as Record<string, string>
    // A parent shell that runs Electron as Node would break the launch.
    delete env.ELECTRON_RUN_AS_NODE
    const app = await _electron.launch({ executablePath: binary.path, args: ['.', '--no-sandbox'], env })
    try {
      // Keep the system browser out of the test: record what main would open instead.
      await app.evaluate(({ shell }) => {
        const opened: string[] = []
        ;(globalThis as { __opened?: string[] }).__opened = opened
        shell.openExternal = async (url: string) => {
          opened.push(url)
        }
      })
      const window = await app.firstWindow()
      await expect(window.locator('[data-app-state="ready"]')).toBeVisible()
      await window.getByTestId('run-flow').click()
      await expect(window.getByTestId('run-status')).toHaveText('Waiting for the login in the browser')
      const authorizeUrl = await app.evaluate(() => (globalThis as { __opened?: string[] }).__opened?.at(-1))
      expect(authorizeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\?/)
      await loginThroughSandbox(authorizeUrl!, { followFinal: true })
      await expect(window.getByTestId('run-status')).toHaveText('Tokens received')
      await expect(window.getByTestId('tokens-panel').getByTestId('token-access_token')).toContainText('…')
      // The renderer has no Node and sees only the contract.
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      expect(await window.evaluate(() => Object.keys((globalThis as { tester?: object }).tester ?? {}).sort())).toEqual([...CALL_NAMES, 'onEvent'].sort())
    } finally {
      await app.close()
    }
  })
})
