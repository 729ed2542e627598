import { expect, test } from '@playwright/test'
import { CALL_NAMES } from '../../../shared/contract/names'
import { loginThroughSandbox } from '../../support/sandbox-login'
import { findElectronBinary } from './electron-binary'
import { lastOpenedUrl, launchReady } from './launch'

const binary = findElectronBinary()

/** The first flow in the real Electron host. Runs wherever the Electron binary exists. */
test.describe('Electron host', () => {
  test.skip(!binary.found, `skipped: no Electron binary (${binary.found ? '' : binary.reason})`)

  test('Run on "Local sandbox" completes and shows the tokens', async () => {
    if (!binary.found) return
    const { app, window } = await launchReady(binary.path)
    try {
      await window.getByTestId('run-flow').click()
      await expect(window.getByTestId('run-status')).toHaveText('Waiting for the login in the browser')
      const authorizeUrl = await lastOpenedUrl(app)
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
