import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'

/**
 * Screenshots for the README are made by the e2e tests. Every run writes them under
 * test-results/; only `OFT_UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes the copies in
 * docs/screenshots/, so a normal test run leaves the tree clean.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 })
  mkdirSync('test-results/screenshots', { recursive: true })
  const image = await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true })
  if (process.env.OFT_UPDATE_SCREENSHOTS === '1') {
    mkdirSync('docs/screenshots', { recursive: true })
    await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true })
  }
  if (image.length < 1000) throw new Error(`The ${name} screenshot is empty`)
}
