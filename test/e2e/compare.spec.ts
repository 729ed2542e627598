import type { BrowserContext, Locator, Page } from '@playwright/test'
import { expect, test, type RunningHost } from './fixtures'
import { callHost } from './host-api'
import { saveScreenshot } from './screenshots'

/**
 * One side of a comparison: the profile it runs and how a user gets through its login (the
 * page that opened for it, and the app's page for a way back such as paste). Comparing another
 * pair is two more sides and the list of their known differences (see `compares` below).
 */
interface Side {
  /** Creates the profile if it is not built in; answers its id. */
  profile(host: RunningHost): Promise<string>
  signIn(login: Page, app: Page): Promise<void>
}

/** Rows that must differ, by section id; every section may fold its other rows. */
type KnownDifferences = Partial<Record<'configuration' | 'steps' | 'headers' | 'tokens' | 'scopes' | 'outcome', string[]>>

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

/** Starts "Run both" and signs in on each login page as it opens (left first, as they start). */
async function runBoth(page: Page, context: BrowserContext, left: Side, right: Side): Promise<void> {
  const logins: Page[] = []
  context.on('page', (p) => logins.push(p))
  await page.getByTestId('compare-run-both').click()
  await expect.poll(() => logins.length).toBe(2)
  for (const [i, side] of [left, right].entries()) {
    await side.signIn(logins[i]!, page)
    await logins[i]!.close()
  }
}

const row = (scope: Locator, label: string): Locator => scope.locator(`[data-testid="compare-row"][data-label="${label}"]`)

/**
 * The comparison e2e for one pair of sides: run both from the compare view, check the known
 * differences stand out, that a section where both runs agree folds all its rows, and that the
 * same two runs picked from the history compare the same way.
 */
function compares(title: string, left: Side, right: Side, known: KnownDifferences, opts: { agreeingSection: 'steps' | 'outcome'; screenshot?: string }): void {
  test(title, async ({ page, context, host }) => {
    const leftId = await left.profile(host)
    const rightId = await right.profile(host)
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(host.url)
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible()

    await page.getByTestId('open-compare').click()
    await page.getByTestId('compare-left-profile').selectOption(leftId)
    await page.getByTestId('compare-right-profile').selectOption(rightId)
    await runBoth(page, context, left, right)

    await expect(page.getByTestId('compare-result')).toBeVisible()
    await expect(page.getByTestId('compare-summary')).toContainText('equal rows folded')
    for (const [section, labels] of Object.entries(known)) {
      const scope = page.getByTestId(`compare-section-${section}`)
      for (const label of labels) await expect(row(scope, label), `${section}: ${label}`).toHaveAttribute('data-equal', 'false')
    }

    // A section where both runs agree shows no row until asked, then only equal ones.
    const agreeing = page.getByTestId(`compare-section-${opts.agreeingSection}`)
    await expect(agreeing).toHaveAttribute('data-differences', '0')
    await expect(agreeing.getByTestId('compare-row')).toHaveCount(0)
    const toggle = page.getByTestId(`compare-toggle-${opts.agreeingSection}`)
    await expect(toggle).toHaveText(/^\d+ equal rows?$/)
    await toggle.click()
    await expect(agreeing.locator('[data-testid="compare-row"][data-equal="false"]')).toHaveCount(0)
    expect(await agreeing.getByTestId('compare-row').count()).toBeGreaterThan(0)
    await toggle.click()
    await expect(agreeing.getByTestId('compare-row')).toHaveCount(0)

    if (opts.screenshot) await saveScreenshot(page, opts.screenshot)

    // The same two runs, picked from the history, compare the same way.
    const summary = await page.getByTestId('compare-summary').textContent()
    await page.getByTestId('compare-mode-runs').click()
    await page.getByTestId('compare-runs').click()
    await expect(page.getByTestId('compare-summary')).toHaveText(summary!)
  })
}

compares(
  'run both: the local sandbox’s public client against its confidential client; known differences stand out, equal rows fold',
  LOCAL_SANDBOX,
  CONFIDENTIAL_SANDBOX,
  {
    configuration: ['Client id', 'Client authentication', 'Scopes requested', 'Secret: clientSecret'],
    tokens: ['ID token claim: aud', 'ID token claim: email'],
    scopes: ['Requested', 'Scope email', 'Scope offline_access'],
  },
  { agreeingSection: 'steps', screenshot: 'compare' },
)

test('ports and times that differ by nature fold with the equal rows', async ({ page, context, host }) => {
  // Two runs of the same profile: each has its own loopback port and times, and nothing else differs.
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId('open-compare').click()
  await page.getByTestId('compare-left-profile').selectOption('local-sandbox')
  await page.getByTestId('compare-right-profile').selectOption('local-sandbox')
  await runBoth(page, context, LOCAL_SANDBOX, LOCAL_SANDBOX)
  await expect(page.getByTestId('compare-summary')).toContainText('No differences')
  const config = page.getByTestId('compare-section-configuration')
  await page.getByTestId('compare-toggle-configuration').click()
  const redirect = row(config, 'Redirect URI')
  await expect(redirect).toHaveAttribute('data-equal', 'true')
  await expect(redirect).toHaveClass(/natural/)
  await expect(row(config, 'Issuer')).toHaveAttribute('data-equal', 'true')
})
