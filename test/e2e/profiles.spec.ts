import type { Page } from '@playwright/test'
import { expect, startHost, test } from './fixtures'

const SECRET = 'E2E-CANARY-client-secret-3b9f71'

/** Records every chunk of every fetch the page makes (calls and the event stream) in the page. */
async function recordFetches(page: Page): Promise<void> {
  await page.addInitScript(() => {
    // Runs in the page (this file type-checks without the DOM library, hence globalThis).
    const page = globalThis as unknown as { fetch: typeof fetch; __received: string[] }
    const received: string[] = []
    page.__received = received
    const original = page.fetch.bind(globalThis)
    page.fetch = async (...args: Parameters<typeof fetch>) => {
      const response = await original(...args)
      const body = response.clone().body
      if (body) {
        void (async () => {
          const reader = body.pipeThrough(new TextDecoderStream()).getReader()
          for (;;) {
            const { value, done } = await reader.read()
            if (done) return
            received.push(value)
          }
        })().catch(() => undefined)
      }
      return response
    }
  })
}
const receivedBy = (page: Page): Promise<string> => page.evaluate(() => (globalThis as unknown as { __received: string[] }).__received.join('\n'))

test('a profile made from a preset keeps its secret across a restart of the web host, shown only as “set”', async ({ page, host }) => {
  await recordFetches(page)
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()

  // From a preset, into production, with an http issuer: the editor says what to change.
  await page.getByTestId('new-profile').click()
  await page.getByTestId('preset-generic-oidc').click()
  const editor = page.getByTestId('profile-editor')
  await expect(editor).toBeVisible()
  await page.getByTestId('field-name').fill('Acme production')
  await page.getByTestId('env-production').check()
  await expect(page.getByTestId('production-banner')).toBeVisible()
  await page.getByTestId('field-issuer').fill('http://idp.acme.example')
  const issuerIssues = page.locator('#f-issuer-issues')
  await expect(issuerIssues).toContainText('production must use https')
  await expect(issuerIssues).toContainText('Change http:// to https://')
  await expect(page.getByTestId('field-issuer')).toHaveAttribute('aria-invalid', 'true')

  await page.getByTestId('field-issuer').fill('https://idp.acme.example')
  await expect(issuerIssues).toHaveCount(0)
  await page.getByTestId('field-clientId').fill('acme-desktop')
  await page.getByTestId('field-clientAuth').selectOption('client_secret_basic')
  const secret = page.getByTestId('secret-clientSecret')
  await expect(secret.getByTestId('secret-state')).toHaveText('not set')
  await secret.getByTestId('secret-enter').click()
  await secret.getByTestId('secret-input').fill(SECRET)
  await page.getByTestId('save-profile').first().click()
  await expect(page.getByTestId('save-message')).toContainText('Saved')
  await expect(page.getByTestId('secret-clientSecret').getByTestId('secret-state')).toHaveText('set')
  await expect(page.locator('.group-production')).toContainText('Acme production')

  // Restart the web host on the same data folder, and open the page it prints.
  const before = await receivedBy(page)
  const html = await page.content()
  const { host: again, stop } = await startHost({ dataDir: host.dataDir })
  try {
    await page.goto(again.url)
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
    const item = page.locator('.group-production').getByText('Acme production')
    await expect(item).toBeVisible()
    await item.click()
    await expect(page.getByTestId('secret-summary-clientSecret')).toHaveText('clientSecret set')
    await page.getByTestId('edit-profile').click()
    await expect(page.getByTestId('secret-clientSecret').getByTestId('secret-state')).toHaveText('set')
    await expect(page.getByTestId('field-issuer')).toHaveValue('https://idp.acme.example')

    // The secret is nowhere in the page, nor in anything the page received, before or after.
    for (const text of [html, before, await page.content(), await receivedBy(page)]) expect(text).not.toContain(SECRET)
    expect(before).toContain('"secrets":{"clientSecret":"set"}')
  } finally {
    await stop()
  }
})
