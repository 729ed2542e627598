import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Page } from '@playwright/test'
import { catchRedirect } from './catch-redirect'
import { expect, test, type RunningHost } from './fixtures'

const exec = promisify(execFile)

/**
 * What the OS does with a `dev.oauthflowtester:` link: start the app again with the link on
 * its command line, and the new process hands it to the running one. For the web host that
 * process is `web.js --deliver <url>`.
 */
const launchWithLink = (host: RunningHost, url: string) =>
  exec(process.execPath, ['out/main/web.js', '--deliver', url], { env: { ...process.env, OFT_RUNTIME_DIR: host.runtimeDir } })

async function signIn(login: Page): Promise<void> {
  await login.getByLabel('Username').fill('alice')
  await login.getByLabel('Password').fill('wonderland')
  await login.getByRole('button', { name: 'Sign in' }).click()
  await login.getByRole('button', { name: 'Allow' }).click()
}

async function open(page: Page, host: RunningHost): Promise<void> {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
}

const authorizeParams = async (page: Page): Promise<URLSearchParams> =>
  new URL((await page.getByTestId('open-authorize').getAttribute('href')) ?? '').searchParams

test('deep link: the custom-scheme redirect, handed over as the OS would, completes the run once', async ({ page, context, host }) => {
  await open(page, host)
  await page.getByTestId('run-option-capture').selectOption('deep-link')
  await expect(page.getByTestId('run-option-hint')).toContainText('npm run deliver')
  const popup = context.waitForEvent('page')
  await page.getByTestId('run-flow').click()
  const login = await popup
  // The browser would hand this navigation to the OS; the test catches it instead.
  const redirect = await catchRedirect(login, (location) => location.startsWith('dev.oauthflowtester:'))
  await expect(page.getByTestId('waiting-for')).toContainText('deep-link')
  expect((await authorizeParams(page)).get('redirect_uri')).toBe('dev.oauthflowtester:/callback')
  await signIn(login)
  const url = await redirect()
  expect(url).toMatch(/^dev\.oauthflowtester:\/callback\?code=[^&]+&state=/)
  await login.close()

  const { stdout } = await launchWithLink(host, url)
  expect(stdout).toContain('exchanging it for tokens')
  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')
  await expect(page.getByTestId('capture-method')).toHaveText('deep-link')
  await expect(page.getByTestId('capture-url')).toContainText('…')
  await expect(page.getByTestId('capture-url')).not.toContainText(new URL(url.replace('dev.oauthflowtester:', 'http://x')).searchParams.get('code')!)

  // The OS delivering the link twice: refused as a duplicate, shown, and nothing exchanged again.
  await expect(launchWithLink(host, url)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Duplicate redirect via deep-link ignored') })
  await expect(page.getByTestId('arrival-duplicate')).toContainText('Duplicate redirect ignored · via deep-link')
  await expect(page.getByTestId('exchange-token')).toHaveCount(1)
})

test('paste: the address the browser ends on, pasted into the run, completes it', async ({ page, context, host }) => {
  await open(page, host)
  await page.getByTestId('run-option-capture').selectOption('paste')
  const popup = context.waitForEvent('page')
  await page.getByTestId('run-flow').click()
  const login = await popup
  // Nothing listens on http://127.0.0.1/callback: the tester copies the address bar.
  const redirect = await catchRedirect(login, (location) => location.startsWith('http://127.0.0.1/callback?'))
  await signIn(login)
  const address = await redirect()
  await login.close()

  await expect(page.getByRole('heading', { name: 'Paste the redirect' })).toBeVisible()
  await page.getByTestId('paste-input').fill(address)
  await page.getByTestId('paste-input').press('Enter')
  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')
  await expect(page.getByTestId('capture-method')).toHaveText('paste')
})

test('the countdown moves; a 5-second session expires with its reason, and Restart completes a fresh run', async ({ page, context, host }) => {
  await open(page, host)
  await page.getByTestId('run-option-session').selectOption('5')
  const popup = context.waitForEvent('page')
  await page.getByTestId('run-flow').click()
  const abandoned = await popup

  const countdown = page.getByTestId('session-countdown')
  await expect(countdown).toBeVisible()
  const value = countdown.getByTestId('countdown-value')
  const first = await value.textContent()
  await expect.poll(() => value.textContent(), { timeout: 5_000 }).not.toBe(first)
  await expect(countdown.getByTestId('countdown-warning')).toHaveText('Under 30 seconds left: finish the login')
  const expiredParams = await authorizeParams(page)

  // Nobody signs in: the session runs out.
  await expect(page.getByTestId('run-status')).toHaveText('Expired', { timeout: 10_000 })
  await expect(page.getByTestId('diagnosis-session.expired')).toContainText('No redirect arrived within the 5 s authorization session')
  await abandoned.close()

  // The tester gives the next attempt the profile's 10 minutes and restarts.
  await page.getByTestId('run-option-session').selectOption('0')
  const again = context.waitForEvent('page')
  await page.getByTestId('restart-flow').click()
  const login = await again
  const freshParams = await authorizeParams(page)
  expect(freshParams.get('state')).not.toBe(expiredParams.get('state'))
  expect(freshParams.get('code_challenge')).not.toBe(expiredParams.get('code_challenge'))
  await expect(page.getByTestId('session-countdown').getByTestId('countdown-value')).toHaveText(/^(10:00|9:5\d)$/)
  await signIn(login)
  await expect(login.getByTestId('loopback-verdict')).toContainText('exchanging it for tokens')
  await login.close()
  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')
})
