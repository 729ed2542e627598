import type { BrowserContext, Locator, Page } from '@playwright/test'
import { expect, test, type RunningHost } from './fixtures'
import { callHost } from './host-api'
import { saveScreenshot } from './screenshots'
import { signInOnSandboxPage } from './sandbox-page'

/**
 * One side of a comparison: the profile it runs and how a user gets through its login: on the
 * page that opened for it (and the app's page for a way back such as paste), or in the app
 * itself when the flow asks there (the vendor's API mode, in the side's pending card).
 * Comparing another pair is two more sides and the list of their known differences (see
 * `compares` below).
 */
interface Side {
  /** Creates the profile if it is not built in; answers its id. */
  profile(host: RunningHost): Promise<string>
  signIn(at: { app: Page; card: Locator; login: () => Promise<Page> }): Promise<void>
}

/** Rows that must differ, by section id; every section may fold its other rows. */
type KnownDifferences = Partial<Record<'configuration' | 'steps' | 'headers' | 'tokens' | 'scopes' | 'outcome', string[]>>

const sandboxSignIn: Side['signIn'] = async ({ login: opened }) => signInOnSandboxPage(await opened())

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

/**
 * The vendor's API mode: no page opens; the app asks for the email and password (the demo
 * users of each environment, see the simulator's README) and makes steps 2 to 4 itself. The
 * code comes back as JSON, so the way back each profile registers is never taken.
 */
const vendorApiSignIn =
  (email: string, password: string): Side['signIn'] =>
  async ({ card }) => {
    const form = card.getByTestId('vendor-login-form')
    await form.getByLabel('Email').fill(email)
    await form.getByLabel('Password').fill(password)
    await form.getByTestId('vendor-login-submit').click()
    await expect(card.getByTestId('vendor-login-form')).toHaveCount(0)
  }

const VENDOR_SANDBOX: Side = { profile: async () => 'local-vendor-api', signIn: vendorApiSignIn('plain@intl.sandbox.test', 'sandbox-password') }
const VENDOR_PRODUCTION_LIKE: Side = { profile: async () => 'local-vendor-production', signIn: vendorApiSignIn('plain@intl.production.test', 'production-password') }

/** Starts "Run both" and signs each side in as it asks (left first, as they start). */
async function runBoth(page: Page, context: BrowserContext, left: Side, right: Side): Promise<void> {
  const logins: Page[] = []
  context.on('page', (p) => logins.push(p))
  await page.getByTestId('compare-run-both').click()
  await expect(page.getByTestId('compare-pending')).toBeVisible()
  let next = 0
  const login = async (): Promise<Page> => {
    await expect.poll(() => logins.length).toBeGreaterThan(next)
    return logins[next++]!
  }
  for (const [side, signIn] of [['left', left.signIn], ['right', right.signIn]] as const) {
    await signIn({ app: page, card: page.getByTestId(`compare-pending-card-${side}`), login })
  }
}

const row = (scope: Locator, label: string): Locator => scope.locator(`[data-testid="compare-row"][data-label="${label}"]`)

/**
 * The comparison e2e for one pair of sides: run both from the compare view, check the known
 * differences stand out, that a section where both runs agree folds all its rows, and that the
 * same two runs picked from the history compare the same way.
 */
function compares(
  title: string,
  left: Side,
  right: Side,
  known: KnownDifferences,
  opts: { agreeingSection: 'steps' | 'outcome'; screenshot?: string; onlyKnown?: boolean; more?: (page: Page) => Promise<void> },
): void {
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
    if (opts.onlyKnown) {
      // Nothing else differs: no row that differs by nature drowns the known differences.
      const count = Object.values(known).reduce((n, labels) => n + labels.length, 0)
      await expect(page.getByTestId('compare-summary')).toContainText(`${count} difference${count === 1 ? '' : 's'} ·`)
      await expect(page.locator('[data-testid="compare-row"][data-equal="false"]')).toHaveCount(count)
    }
    await opts.more?.(page)

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
  { agreeingSection: 'steps' },
)

compares(
  'run both: the vendor simulator’s sandbox against its production-like environment; their known differences stand out, production in red, equal rows fold',
  VENDOR_SANDBOX,
  VENDOR_PRODUCTION_LIKE,
  { configuration: ['Environment', 'Client id', 'Client header: x-client-key', 'Way back', 'Redirect URI'] },
  {
    agreeingSection: 'steps',
    screenshot: 'compare',
    onlyKnown: true,
    async more(page) {
      const config = page.getByTestId('compare-section-configuration')
      await expect(row(config, 'Environment').locator('td')).toHaveText(['sandbox', 'production'])
      await expect(row(config, 'Client header: x-client-key').locator('td')).toHaveText(['sbx-intl-client-key', 'prod-intl-client-key'])
      await expect(row(config, 'Redirect URI').locator('td')).toHaveText(['https://example.com/callback', 'dev.oauthflowtester:/callback'])
      // Production is marked as it is everywhere: its column's head and cells in red.
      const production = page.getByTestId('compare-side-production')
      await expect(production).toContainText('production-like')
      await expect(production).toHaveClass(/side-production/)
      const red = await production.evaluate((el) => getComputedStyle(el).borderTopColor)
      await expect(row(config, 'Environment').locator('td').nth(1)).toHaveCSS('border-left-color', red)
      await expect(page.getByTestId('compare-side-sandbox')).not.toHaveCSS('border-top-color', red)
      // Both ran every step of the four-step flow and its final check.
      await page.getByTestId('compare-toggle-steps').click()
      for (const step of ['Initiate the session (step 1)', 'Log in with email and password (step 2)', 'Authorize with both tokens (step 3)', 'Exchange the code (step 4)', 'Check the final token on the API']) {
        await expect(row(page.getByTestId('compare-section-steps'), `${step}: status`).locator('td')).toHaveText(['done', 'done'])
      }
      await page.getByTestId('compare-toggle-steps').click()
    },
  },
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
