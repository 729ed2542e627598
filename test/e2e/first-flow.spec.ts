import { catchRedirect } from './catch-redirect'
import { expect, test } from './fixtures'
import { saveScreenshot } from './screenshots'
import { signInOnSandboxPage } from './sandbox-page'

test('Run on "Local sandbox" logs in on the sandbox page and shows the tokens', async ({ page, context, host }) => {
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  // The launch token leaves the address bar as soon as the page has it.
  expect(page.url()).not.toContain('token=')
  await expect(page.getByTestId('profile-local-sandbox')).toContainText('Local sandbox')

  const popup = context.waitForEvent('page')
  await page.getByTestId('run-flow').click()
  const login = await popup
  await expect(login.getByTestId('demo-credentials')).toContainText('wonderland')
  await signInOnSandboxPage(login)

  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')
  for (const step of ['discovery', 'authorize', 'callback', 'token']) {
    await expect(page.getByTestId(`step-${step}`)).toHaveAttribute('data-status', 'done')
  }
  const tokens = page.getByTestId('tokens-panel')
  await expect(tokens.getByTestId('token-access_token')).toContainText('…')
  await expect(tokens.getByTestId('token-refresh_token')).toBeVisible()
  await expect(tokens.getByTestId('token-id_token')).toContainText('JWT')
  await expect(page.getByTestId('capture-method')).toHaveText('loopback')
  await saveScreenshot(page, 'first-flow')
})

test('a pasted redirect with a forged state is refused and nothing is exchanged', async ({ page, context, host }) => {
  await page.goto(host.url)
  const popup = context.waitForEvent('page')
  await page.getByTestId('run-flow').click()
  const login = await popup
  // Catch the redirect to the loopback listener before the browser follows it.
  const redirect = await catchRedirect(login, (location) => /^http:\/\/127\.0\.0\.1:\d+\/callback\?/.test(location))
  await login.getByLabel('Username').fill('alice')
  await login.getByLabel('Password').fill('wonderland')
  await login.getByRole('button', { name: 'Sign in' }).click()
  await login.getByRole('button', { name: 'Allow' }).click()
  const forged = new URL(await redirect())
  forged.searchParams.set('state', 'forged-by-the-test')
  await login.close()

  await page.getByTestId('paste-input').fill(forged.toString())
  await page.getByTestId('paste-submit').click()
  await expect(page.getByTestId('run-status')).toHaveText('Failed')
  await expect(page.getByTestId('diagnosis-callback.state_mismatch')).toContainText('State mismatch')
  // The failed step links to its card, which puts the proven cause first with both states.
  await expect(page.getByTestId('step-diagnosis-callback')).toHaveText('Why: State mismatch')
  const top = page.getByTestId('diagnosis-callback.state_mismatch').getByTestId('diagnosis-top-cause')
  await expect(top).toContainText('forged-by-the-test')
  await expect(top).toHaveAttribute('data-cause', 'state.altered')
  await expect(page.getByTestId('step-token')).toHaveAttribute('data-status', 'pending')
  await expect(page.getByTestId('exchange-token')).toHaveCount(0)
})
