import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { saveScreenshot } from './screenshots'
import { signInOnSandboxPage } from './sandbox-page'

/** Runs the Local sandbox flow in the UI, signing in on the sandbox's page. */
async function runFlow(page: Page, context: import('@playwright/test').BrowserContext, url: string): Promise<void> {
  await page.goto(url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  const popup = context.waitForEvent('page')
  await page.getByTestId('run-flow').click()
  await signInOnSandboxPage(await popup)
  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')
}

test('after a run, Refresh and Revoke show on the timeline in order, each opening its exchange', async ({ page, context, host }) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  await runFlow(page, context, host.url)
  const panel = page.getByTestId('tokens-panel')
  const events = page.getByTestId('timeline-event')
  await expect(events).toHaveCount(1)
  await expect(events.first()).toHaveAttribute('data-kind', 'issued')

  // The API answers before the revoke.
  await panel.getByTestId('action-api').click()
  await expect(panel.getByTestId('action-result')).toContainText('answered HTTP 200')

  await panel.getByTestId('action-refresh').click()
  await expect(panel.getByTestId('action-result')).toContainText('rotated')
  await expect(panel.getByTestId('token-refresh_token')).toContainText('#2')
  await expect(panel.getByTestId('history-refresh-1')).toHaveAttribute('data-status', 'superseded')

  await panel.getByTestId('action-revoke').click()
  await expect(panel.getByTestId('action-result')).toContainText('accepted the revocation')
  await expect(panel.getByTestId('token-set-status')).toHaveText('revoked')

  await panel.getByTestId('action-api').click()
  await expect(panel.getByTestId('diagnosis-api.invalid_token')).toBeVisible()

  await expect(events).toHaveCount(5)
  expect(await events.evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-kind')}:${n.getAttribute('data-ok')}`))).toEqual([
    'issued:true',
    'used:true',
    'refreshed:true',
    'revoked:true',
    'used:false',
  ])

  // Keyboard: focus the refresh event and open the exchange behind it.
  await events.nth(2).focus()
  await page.keyboard.press('Enter')
  const detail = page.getByTestId('event-detail')
  await expect(detail).toContainText('Refreshed')
  await expect(detail.getByTestId('exchange-status')).toContainText('200')
  await expect(detail).toContainText('grant_type=refresh_token')
  // Masked, never the raw token.
  await expect(detail.getByTestId('exchange-response-body')).toContainText('…')

  // Inspect and verify the newest ID token.
  await panel.getByTestId('inspect-id_token').click()
  await panel.getByTestId('verify-token').click()
  await expect(panel.getByTestId('verify-checklist')).toHaveAttribute('data-verdict', 'valid')
  await expect(panel.getByTestId('check-signature')).toHaveAttribute('data-status', 'pass')

  await saveScreenshot(page.getByTestId('token-lifecycle'), 'token-timeline')
})

test('a revealed token hides itself again, and copy as curl carries placeholders only', async ({ page, context, host }) => {
  await runFlow(page, context, host.url)
  const panel = page.getByTestId('tokens-panel')
  await expect(panel.getByTestId('masked-access-1')).toContainText('…')
  await panel.getByTestId('reveal-access-1').click()
  const revealed = await panel.getByTestId('revealed-access-1').textContent()
  expect(revealed?.length).toBeGreaterThan(20)
  await panel.getByRole('button', { name: 'Hide' }).click()
  await expect(panel.getByTestId('revealed-access-1')).toHaveCount(0)

  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await panel.getByTestId('copy-curl').click()
  const curl = panel.getByTestId('curl-text')
  await expect(curl).toContainText('"$REFRESH_TOKEN"')
  expect(await curl.textContent()).not.toContain(revealed!)
})
