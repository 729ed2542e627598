import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Download, Page } from '@playwright/test'
import { expect, startHost, test } from './fixtures'
import { callHost } from './host-api'
import { saveScreenshot } from './screenshots'
import { signInOnSandboxPage } from './sandbox-page'

const validateHar = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> }
const SECRET = 'sandbox-confidential-secret'

const textOf = async (download: Promise<Download>): Promise<{ name: string; text: string }> => {
  const d = await download
  return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') }
}

const signIn = (login: Page): Promise<void> => signInOnSandboxPage(login)

test('network panel, curl, HAR and the support bundle of a run; the run stays in the history across a restart', async ({ page, context, host }) => {
  const preset = await callHost<{ draft: Record<string, unknown> }>(host, 'createFromPreset', { presetId: 'local-sandbox-confidential' })
  await callHost(host, 'saveProfile', { profile: { ...preset.draft, name: 'Confidential client' }, secrets: { clientSecret: SECRET } })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(host.url)
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
  await page.locator('.profile-item', { hasText: 'Confidential client' }).click()
  const popup = context.waitForEvent('page')
  await page.getByTestId('run-flow').click()
  await signIn(await popup)
  await expect(page.getByTestId('run-status')).toHaveText('Tokens received')

  // The network panel: every request, filtered by step, each opening to its headers and bodies.
  const panel = page.getByTestId('network-panel')
  await expect(panel.getByTestId('exchange-discovery')).toHaveCount(1)
  await expect(panel.getByTestId('exchange-token')).toHaveCount(1)
  await panel.getByTestId('network-filter-token').click()
  await expect(panel.getByTestId('exchange-discovery')).toHaveCount(0)
  await panel.getByTestId('exchange-token').getByTestId('exchange-toggle').click()
  await expect(panel.getByTestId('exchange-toggle')).toHaveAttribute('aria-expanded', 'true')
  await expect(panel.getByTestId('exchange-detail')).toContainText('Basic [redacted]')
  await panel.getByTestId('copy-curl').click()
  const curl = panel.getByTestId('curl-command')
  await expect(curl).toContainText(`-u 'oft-sandbox-confidential:'"$CLIENT_SECRET"`)
  await expect(curl).toContainText(`'code='"$AUTHORIZATION_CODE"`)
  await expect(curl).not.toContainText(SECRET)
  await saveScreenshot(panel, 'network-panel')

  // HAR: a real HAR 1.2 file, without the secret.
  const harDownload = page.waitForEvent('download')
  await panel.getByTestId('export-har').click()
  const harFile = await textOf(harDownload)
  expect(harFile.name).toMatch(/^oauth-flow-tester-confidential-client-\d{8}T\d{6}Z\.har$/)
  await expect(validateHar.har(JSON.parse(harFile.text))).resolves.toBeTruthy()
  expect(harFile.text).not.toContain(SECRET)

  // The support bundle: the preview is the file.
  await page.getByTestId('support-bundle-open').click()
  const dialog = page.getByTestId('support-bundle')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByTestId('bundle-summary')).toContainText('in the sandbox environment')
  await expect(dialog.getByTestId('bundle-summary')).toContainText('Client key: oft-sandbox-confidential')
  await saveScreenshot(dialog, 'support-bundle')
  const markdownShown = await dialog.getByTestId('bundle-file').textContent()
  await dialog.getByTestId('bundle-tab-json').click()
  const jsonShown = await dialog.getByTestId('bundle-file').textContent()
  const jsonDownload = page.waitForEvent('download')
  await dialog.getByTestId('bundle-save').click()
  const jsonFile = await textOf(jsonDownload)
  const mdDownload = page.waitForEvent('download')
  await dialog.getByTestId('bundle-save-markdown').click()
  const mdFile = await textOf(mdDownload)
  expect(jsonFile.text.trim()).toBe(jsonShown?.trim())
  expect(mdFile.text.trim()).toBe(markdownShown?.trim())
  for (const text of [jsonFile.text, mdFile.text]) expect(text).not.toContain(SECRET)
  expect(JSON.parse(jsonFile.text)).toMatchObject({ profile: { clientKey: 'oft-sandbox-confidential', secrets: { clientSecret: 'set' } }, run: { status: 'succeeded' } })
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // A new host on the same folder: the run is in the history and opens read-only.
  const { host: again, stop } = await startHost({ dataDir: host.dataDir })
  try {
    await page.goto(again.url)
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible()
    const item = page.getByTestId('history-list').locator('.history-item', { hasText: 'Confidential client' })
    await expect(item).toHaveAttribute('data-status', 'succeeded')
    await item.click()
    const view = page.getByTestId('history-run')
    await expect(view.getByTestId('history-source')).toContainText('from the run history')
    await expect(view.getByTestId('history-status')).toHaveText('Tokens received')
    await expect(view.getByTestId('history-token-id_token')).toContainText('jwt')
    await expect(view.getByTestId('step-token')).toHaveAttribute('data-status', 'done')
    await view.getByTestId('exchange-token').getByTestId('exchange-toggle').click()
    await view.getByTestId('copy-curl').click()
    await expect(view.getByTestId('curl-command')).toContainText('"$CLIENT_SECRET"')
    expect(await page.content()).not.toContain(SECRET)
  } finally {
    await stop()
  }
})
