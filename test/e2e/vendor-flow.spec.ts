import type { Page } from '@playwright/test'
import { expect, test, type RunningHost } from './fixtures'
import { saveScreenshot } from './screenshots'

/** The vendor's four-step flow in the web host, on the built-in local vendor simulator profiles. */

async function open(page: Page, host: RunningHost, profileId: string): Promise<void> {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId(`profile-${profileId}`).click()
}

test('API mode with OTP: email and password, Send code, the SMS read on the simulator’s page, Verify — the run completes', async ({ page, context, host }) => {
  await open(page, host, 'local-vendor-api')
  await expect(page.getByRole('heading', { name: /Local vendor simulator · API mode/ })).toBeVisible()
  await page.getByTestId('run-flow').click()
  await expect(page.getByTestId('run-status')).toHaveText('Waiting for the email and password')
  await expect(page.getByTestId('step-initiate')).toHaveAttribute('data-status', 'done')
  await expect(page.getByTestId('session-countdown')).toBeVisible()

  // Step 2, typed as a tester would; the password field never shows it again.
  const form = page.getByTestId('vendor-login-form')
  await expect(form.getByTestId('vendor-password')).toHaveAttribute('autocomplete', 'off')
  await page.getByLabel('Email').fill('otp@intl.sandbox.test')
  await page.getByLabel('Password').fill('sandbox-password')
  await page.getByLabel('Password').press('Enter')
  await expect(page.getByTestId('run-status')).toHaveText('Waiting for the one-time code')
  await expect(page.getByTestId('vendor-login-form')).toHaveCount(0)
  await expect(page.getByTestId('step-login')).toHaveAttribute('data-status', 'done')

  // Send code starts the resend timer.
  await page.getByTestId('vendor-otp-send').click()
  await expect(page.getByTestId('vendor-otp-wait')).toContainText(/Resend in \d+ s/)
  await expect(page.getByTestId('vendor-otp-send')).toBeDisabled()
  await expect(page.getByTestId('vendor-otp-send')).toHaveText('Resend code')

  // The SMS, read on the simulator's page in the same browser, the way a tester reads their phone.
  const smsPage = await context.newPage()
  await smsPage.goto((await page.getByTestId('simulator-page').getAttribute('href')) ?? '')
  const code = (await smsPage.getByTestId('otp-otp@intl.sandbox.test').textContent())?.trim() ?? ''
  expect(code).toMatch(/^\d{6}$/)
  await smsPage.close()

  await page.getByLabel('Code', { exact: true }).fill(code)
  await page.getByTestId('vendor-otp-submit').click()
  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')
  for (const step of ['initiate', 'login', 'otp', 'authorize', 'token', 'final-check']) {
    await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('data-status', 'done')
  }
  await expect(page.getByTestId('final-check')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('final-check-status')).toHaveText('200')

  // Every token with its type, and which token went where (all in their right place).
  const map = page.getByTestId('vendor-token-map')
  for (const kind of ['session-jwt', 'login-token', 'access-token', 'refresh-token']) await expect(map.getByTestId(`vendor-token-${kind}`)).toBeVisible()
  await expect(map.getByTestId('vendor-token-session-jwt')).toContainText('Step 3 (authorize) request body')
  const routes = map.getByTestId('vendor-routes').locator('tbody tr')
  await expect(routes).toHaveCount(3)
  await expect(map.locator('[data-right="false"]')).toHaveCount(0)
  await expect(map.getByTestId('route-final-check')).toHaveAttribute('data-token', 'access-token')

  // Nothing on the page gives the password or the code away.
  const text = await page.locator('body').innerText()
  expect(text).not.toContain('sandbox-password')
  expect(text).not.toContain(code)
  await saveScreenshot(page, 'vendor-api-flow')
})

test('API mode: a wrong password is explained in the form, and the run goes on', async ({ page, host }) => {
  await open(page, host, 'local-vendor-api')
  await page.getByTestId('run-flow').click()
  await page.getByLabel('Email').fill('plain@intl.sandbox.test')
  await page.getByLabel('Password').fill('wrong-password')
  await page.getByTestId('vendor-login-submit').click()
  await expect(page.getByTestId('diagnosis-vendor.invalid_credentials')).toContainText('Invalid credentials')
  await expect(page.getByLabel('Password')).toHaveValue('')
  await expect(page.getByLabel('Email')).toHaveValue('plain@intl.sandbox.test')
  await page.getByLabel('Password').fill('sandbox-password')
  await page.getByTestId('vendor-login-submit').click()
  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')
})

test('hosted-UI mode: the vendor’s page opens in a new tab, signs in and allows, and the run completes by loopback', async ({ page, context, host }) => {
  await open(page, host, 'local-vendor-hosted')
  const popup = context.waitForEvent('page')
  await page.getByTestId('run-flow').click()
  const hosted = await popup
  await expect(hosted.getByTestId('environment-banner')).toContainText('Sandbox')
  await hosted.getByLabel('Email').fill('plain@intl.sandbox.test')
  await hosted.getByLabel('Password').fill('sandbox-password')
  await hosted.getByRole('button', { name: 'Sign in' }).click()
  await hosted.getByRole('button', { name: 'Allow' }).click()
  await expect(hosted.getByTestId('loopback-verdict')).toContainText('exchanging it for tokens')
  await hosted.close()

  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')
  for (const step of ['initiate', 'authorize', 'callback', 'token', 'final-check']) {
    await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('data-status', 'done')
  }
  await expect(page.getByTestId('capture-method')).toHaveText('loopback')
  await expect(page.getByTestId('final-check')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('vendor-token-map').getByTestId('vendor-token-session-jwt')).toBeVisible()
})
