import type { BrowserContext, Locator, Page } from '@playwright/test'
import { expect, test, type RunningHost } from './fixtures'
import { callHost } from './host-api'
import { saveScreenshot } from './screenshots'

/**
 * One side of a comparison: the profile it runs and how a user signs in on its login page.
 * Comparing another pair (the vendor simulator's sandbox and its production-like environment)
 * is a new pair of sides and its list of known differences.
 */
interface Side {
  /** Creates the profile if it is not built in; answers its id. */
  profile(host: RunningHost): Promise<string>
  signIn(login: Page): Promise<void>
}

const sandboxSignIn = async (login: Page): Promise<void> => {
  await login.getByLabel('Username').fill('alice')
  await login.getByLabel('Password').fill('wonderland')
  await login.getByRole('button', { name: 'Sign in' }).click()
  await login.getByRole('button', { name: 'Allow' }).click()
  await expect(login.getByTestId('loopback-verdict')).toContainText('exchanging it for tokens')
}

const LOCAL_SANDBOX: Side = { profile: async () => 'local-sandbox', signIn: sandboxSignIn }

/** The sandbox's confidential client from its preset, with fewer scopes (no email, no offline_access). */
const CONFIDENTIAL_SANDBOX: Side = {
  async profile(host) {
    const preset = await callHost<{ draft: Record<string, unknown> }>(host, 'createFromPreset', { presetId: 'local-sandbox-confidential' })
    const saved = await callHost<{ profile: { id: string } }>(host, 'saveProfile', {
      profile: { ...preset.draft, name: 'Confidential client', scopes: 'openid profile' },
      secrets: { clientSecret: 'sandbox-confidential-secret' },
    })
    return saved.profile.id
  },
  signIn: sandboxSignIn,
}

/** Rows that must differ, by section, for this pair; every other row of these sections may fold. */
const KNOWN_DIFFERENCES = {
  configuration: ['Client id', 'Client authentication', 'Scopes requested'],
  tokens: ['ID token claim: aud', 'ID token claim: email'],
  scopes: ['Requested', 'Scope email', 'Scope offline_access'],
}

/** Starts "Run both" and signs in on each login page as it opens (left first, as they start). */
async function runBoth(page: Page, context: BrowserContext, left: Side, right: Side): Promise<void> {
  const logins: Page[] = []
  context.on('page', (p) => logins.push(p))
  await page.getByTestId('compare-run-both').click()
  await expect.poll(() => logins.length).toBe(2)
  for (const [i, side] of [left, right].entries()) {
    await side.signIn(logins[i]!)
    await logins[i]!.close()
  }
}

const row = (scope: Locator, label: string): Locator => scope.locator(`[data-testid="compare-row"][data-label="${label}"]`)

test('run both: the local sandbox’s public client against its confidential client; known differences stand out, equal rows fold', async ({ page, context, host }) => {
  const [left, right] = [LOCAL_SANDBOX, CONFIDENTIAL_SANDBOX]
  const leftId = await left.profile(host)
  const rightId = await right.profile(host)
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()

  await page.getByTestId('open-compare').click()
  await page.getByTestId('compare-left-profile').selectOption(leftId)
  await page.getByTestId('compare-right-profile').selectOption(rightId)
  await runBoth(page, context, left, right)

  const result = page.getByTestId('compare-result')
  await expect(result).toBeVisible()
  await expect(page.getByTestId('compare-summary')).toContainText('equal rows folded')

  for (const [section, labels] of Object.entries(KNOWN_DIFFERENCES)) {
    const scope = page.getByTestId(`compare-section-${section}`)
    for (const label of labels) await expect(row(scope, label), `${section}: ${label}`).toHaveAttribute('data-equal', 'false')
  }
  const config = page.getByTestId('compare-section-configuration')
  await expect(row(config, 'Client id')).toContainText('oft-sandbox-public')
  await expect(row(config, 'Client id')).toContainText('oft-sandbox-confidential')
  await expect(row(config, 'Secret: clientSecret')).toContainText('set')

  // Both flows went the same way: the steps section has no difference, and its rows are folded.
  const steps = page.getByTestId('compare-section-steps')
  await expect(steps).toHaveAttribute('data-differences', '0')
  await expect(steps.getByTestId('compare-row')).toHaveCount(0)
  const toggle = page.getByTestId('compare-toggle-steps')
  await expect(toggle).toHaveText(/^\d+ equal rows$/)
  await toggle.click()
  await expect(row(steps, 'Exchange the code for tokens: status')).toHaveAttribute('data-equal', 'true')
  await expect(row(steps, 'Exchange the code for tokens: status')).toContainText('done')
  await toggle.click()
  await expect(steps.getByTestId('compare-row')).toHaveCount(0)
  // The issuer's port is the same here, but a redirect URI's loopback port is not: equal, "differs by nature".
  await page.getByTestId('compare-toggle-configuration').click()
  await expect(row(config, 'Issuer')).toHaveAttribute('data-equal', 'true')
  await expect(row(config, 'Redirect URI')).toHaveAttribute('data-equal', 'true')
  await page.getByTestId('compare-toggle-configuration').click()

  await saveScreenshot(page, 'compare')

  // The same two runs, picked from the history, compare the same way.
  const differences = await page.getByTestId('compare-summary').textContent()
  await page.getByTestId('compare-mode-runs').click()
  await expect(page.getByTestId('compare-left-run')).not.toHaveValue('')
  await page.getByTestId('compare-runs').click()
  await expect(page.getByTestId('compare-summary')).toHaveText(differences!)
})
