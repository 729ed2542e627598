import { mkdirSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'

/**
 * Screenshots for the README are made by the e2e tests. Every run writes them under
 * test-results/; only `OFT_UPDATE_SCREENSHOTS=1 npm run test:e2e` refreshes the copies in
 * docs/screenshots/, so a normal test run leaves the tree clean. A page is shot whole at a
 * fixed size; a locator is shot as the element.
 */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<void> {
  const isPage = 'setViewportSize' in target
  if (isPage) await target.setViewportSize({ width: 1280, height: 900 })
  const shoot = (path: string): Promise<Buffer> => (isPage ? target.screenshot({ path, fullPage: true }) : target.screenshot({ path }))
  mkdirSync('test-results/screenshots', { recursive: true })
  const image = await shoot(`test-results/screenshots/${name}.png`)
  if (image.length < 1000) throw new Error(`The ${name} screenshot is empty`)
  if (process.env.OFT_UPDATE_SCREENSHOTS === '1') {
    mkdirSync('docs/screenshots', { recursive: true })
    await shoot(`docs/screenshots/${name}.png`)
  }
}
