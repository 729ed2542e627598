import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { saveScreenshot } from './screenshots'

async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.getByTestId('nav-lab').click()
  await expect(page.getByTestId('lab-view')).toBeVisible()
  await expect(page.locator('[data-testid^="lab-row-"]').first()).toBeVisible()
}

test('the scenario lab runs every scenario against the embedded sandbox and the vendor simulator, and every one passes', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await openLab(page, host.url)
  const rows = page.locator('tr[data-testid^="lab-row-"]')
  const count = await rows.count()
  expect(count).toBeGreaterThanOrEqual(34)
  const vendorRows = page.getByTestId('lab-group-vendor-simulator').locator('tr[data-testid^="lab-row-"]')
  await expect(vendorRows).toHaveCount(15)
  await expect(page.getByTestId('lab-group-embedded-sandbox').locator('tr[data-testid^="lab-row-"]')).toHaveCount(count - 15)

  await page.getByTestId('lab-run-all').click()
  await expect(page.getByTestId('lab-summary')).toContainText(`${count} passed · 0 failed · 0 errors · 0 skipped`, { timeout: 30_000 })
  await expect(page.getByTestId('lab-summary')).toContainText('Embedded sandbox and vendor simulator')
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))).toEqual(Array(count).fill('pass'))
  await expect(page.getByTestId('lab-group-count-vendor-simulator')).toHaveText('15 scenarios · 15 of 15 passed')
  await expect(page.getByTestId('lab-actual-redirect-uri-trailing-slash')).toContainText('redirect_uri.mismatch')
  await expect(page.getByTestId('lab-actual-vendor-sandbox-key-in-production')).toContainText('vendor.invalid_client')
  await expect(page.getByTestId('lab-actual-vendor-sandbox-key-in-production')).toContainText('client.wrong_environment')

  // A row opens from the keyboard to its diagnosis card: the cause first, with the two URIs.
  await page.getByTestId('lab-expand-redirect-uri-trailing-slash').focus()
  await page.keyboard.press('Enter')
  const detail = page.getByTestId('lab-detail-redirect-uri-trailing-slash')
  const card = detail.getByTestId('diagnosis-redirect_uri.mismatch')
  await expect(card.getByTestId('diagnosis-top-cause')).toHaveAttribute('data-cause', 'redirect_uri.trailing_slash')
  await expect(card.getByTestId('diagnosis-top-cause')).toContainText('redirect_uri at token')
  await expect(card.getByTestId('diagnosis-top-cause')).toContainText('http://127.0.0.1/callback/')
  await expect(card.getByTestId('diagnosis-restart')).toContainText('a new run')
  // …and to the HTTP exchange behind it, redacted.
  await card.getByTestId('diagnosis-exchange-toggle').click()
  await expect(card.getByTestId('exchange-detail')).toContainText('POST')
  await expect(card.getByTestId('exchange-status')).toContainText('400')
  await expect(card.getByTestId('exchange-detail')).toContainText('redirect_uri=http://127.0.0.1/callback/')
  await page.getByTestId('lab-expand-redirect-uri-trailing-slash').click()

  // A vendor row: which of the four tokens went to the API, and where it belongs.
  await page.getByTestId('lab-expand-vendor-session-jwt-as-access-token').click()
  const vendorCard = page.getByTestId('lab-detail-vendor-session-jwt-as-access-token').getByTestId('diagnosis-vendor.token_confusion')
  await expect(vendorCard.getByTestId('diagnosis-top-cause')).toHaveAttribute('data-cause', 'confusion.session_jwt_as_bearer')
  await expect(vendorCard.getByTestId('diagnosis-top-cause')).toContainText('Session JWT (step 1)')
  await expect(vendorCard.getByTestId('diagnosis-top-cause')).toContainText('Final access token (step 4)')
  await vendorCard.getByTestId('diagnosis-exchange-toggle').click()
  await expect(vendorCard.getByTestId('exchange-status')).toContainText('401')
  await expect(vendorCard.getByTestId('exchange-detail')).toContainText('/v1/user/profile')
  await expect(vendorCard.getByTestId('exchange-detail')).toContainText('x-client-key')

  // A group folds away, from the keyboard, and comes back.
  await page.getByTestId('lab-fold-embedded-sandbox').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('lab-fold-embedded-sandbox')).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByTestId('lab-group-embedded-sandbox').locator('tr[data-testid^="lab-row-"]')).toHaveCount(0)
  await expect(page.getByTestId('lab-group-count-embedded-sandbox')).toHaveText(`${count - 15} scenarios · ${count - 15} of ${count - 15} passed`)
  await page.keyboard.press('Enter')
  await expect(rows).toHaveCount(count)

  // The README's picture: every scenario passed, the sandbox's folded, the vendor simulator's open with one card.
  await page.getByTestId('lab-fold-embedded-sandbox').click()
  await page.getByTestId('lab-fold-embedded-sandbox').blur()
  await saveScreenshot(page, 'scenario-lab')

  // The report downloads as JUnit XML and as Markdown.
  const junit = page.waitForEvent('download')
  await page.getByTestId('lab-export-junit').click()
  const xmlFile = await junit
  expect(xmlFile.suggestedFilename()).toMatch(/^scenario-lab-.*\.xml$/)
  const xml = readFileSync((await xmlFile.path())!, 'utf8')
  expect(xml).toContain(`<testsuites name="OAuth Flow Tester scenario lab" tests="${count}" failures="0" errors="0" skipped="0"`)
  const markdown = page.waitForEvent('download')
  await page.getByTestId('lab-export-markdown').click()
  const md = readFileSync((await (await markdown).path())!, 'utf8')
  expect(md).toContain(`- Result: ${count} passed, 0 failed, 0 errors, 0 skipped`)
})

test('a step that throws shows an internal-error card with a copyable report, and the next run works', async ({ page, host }) => {
  await openLab(page, host.url)
  await page.getByLabel('Select A step of the tester throws').check()
  await page.getByTestId('lab-run-selected').click()
  await expect(page.getByTestId('lab-status-tester-internal-error')).toHaveText('pass')
  await page.getByTestId('lab-expand-tester-internal-error').click()
  const card = page.getByTestId('lab-detail-tester-internal-error').getByTestId('diagnosis-internal.error')
  await expect(card).toContainText('Internal error in the tester')
  const report = card.getByTestId('internal-report')
  await expect(report).toContainText('scenario: tester-internal-error')
  await expect(report).toContainText('[redacted]')
  expect(await card.innerText()).not.toMatch(/\n\s+at\s|\.(ts|js):\d+:\d+/)
  await expect(card.getByTestId('diagnosis-copy')).toBeEnabled()

  // The app keeps working: another scenario runs and passes, and a normal flow still starts.
  await page.getByLabel('Select A step of the tester throws').uncheck()
  await page.getByLabel('Select Reuse an authorization code').check()
  await page.getByTestId('lab-run-selected').click()
  await expect(page.getByTestId('lab-status-code-reused')).toHaveText('pass')
  await page.getByTestId('profile-local-sandbox').click()
  await expect(page.getByTestId('run-flow')).toBeEnabled()
})
