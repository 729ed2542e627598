import { expect, type Page } from '@playwright/test'

/**
 * Signs in on the embedded sandbox's login page the way a user does (the demo user, Allow on
 * the consent page), waits for the loopback tab to confirm, and closes the tab.
 */
export async function signInOnSandboxPage(login: Page, user = { name: 'alice', password: 'wonderland' }): Promise<void> {
  await login.getByLabel('Username').fill(user.name)
  await login.getByLabel('Password').fill(user.password)
  await login.getByRole('button', { name: 'Sign in' }).click()
  await login.getByRole('button', { name: 'Allow' }).click()
  await expect(login.getByTestId('loopback-verdict')).toContainText('exchanging it for tokens')
  await login.close()
}
