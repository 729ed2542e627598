import { expect, test } from '@playwright/test'
import { loginThroughSandbox } from '../../support/sandbox-login'
import { findElectronBinary } from './electron-binary'
import { lastOpenedUrl, launchReady } from './launch'

const binary = findElectronBinary()

/**
 * The deep link in the real Electron host. Playwright cannot make the OS dispatch a scheme, so
 * the spec emits what the OS causes: `second-instance` with a Windows/Linux command line, and
 * macOS's `open-url`. Runs wherever the Electron binary exists.
 */
test.describe('Electron host deep link', () => {
  test.skip(!binary.found, `skipped: no Electron binary (${binary.found ? '' : binary.reason})`)

  test('a run with the deep-link way back completes from second-instance argv; open-url again is a duplicate', async () => {
    if (!binary.found) return
    const { app, window } = await launchReady(binary.path)
    try {
      await window.getByTestId('run-option-capture').selectOption('deep-link')
      await window.getByTestId('run-flow').click()
      await expect(window.getByTestId('waiting-for')).toContainText('deep-link')
      const authorizeUrl = await lastOpenedUrl(app)
      const { redirect } = await loginThroughSandbox(authorizeUrl!)
      expect(redirect).toMatch(/^dev\.oauthflowtester:\/callback\?/)

      await app.evaluate(({ app: electronApp }, url) => {
        electronApp.emit('second-instance', { preventDefault() {} }, ['oauth-flow-tester', '--original-process-start-time=1', '--', url], process.cwd(), {})
      }, redirect)
      await expect(window.getByTestId('run-status')).toHaveText('Tokens received')
      await expect(window.getByTestId('capture-method')).toHaveText('deep-link')

      await app.evaluate(({ app: electronApp }, url) => {
        electronApp.emit('open-url', { preventDefault() {} }, url)
      }, redirect)
      await expect(window.getByTestId('arrival-duplicate')).toContainText('deep-link')
      await expect(window.getByTestId('exchange-token')).toHaveCount(1)
    } finally {
      await app.close()
    }
  })
})
