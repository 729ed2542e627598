import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser } from '@playwright/test'
import { startHost } from '../test/e2e/fixtures'
import { signInOnSandboxPage } from '../test/e2e/sandbox-page'
import { CHROMIUM_PATH } from '../playwright.config'
import type { BenchResult } from './result'
import { median, percentile, round } from './stats'

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/**
 * Runs in the page: notes the wall-clock time at which a new run's tokens panel appears.
 * (The page may still show an earlier run's tokens: only a new run's panel counts.)
 */
const OBSERVE_NEW_RUN_TOKENS = `(() => {
  delete window.__tokensAt
  const before = document.querySelector('[data-run-id]')?.getAttribute('data-run-id')
  const observer = new MutationObserver(() => {
    const run = document.querySelector('[data-run-id]')
    if (run && run.getAttribute('data-run-id') !== before && run.querySelector('[data-testid="tokens-panel"]')) {
      window.__tokensAt = Date.now()
      observer.disconnect()
    }
  })
  observer.observe(document.body, { childList: true, subtree: true, attributes: true })
})()`

/** (c) The renderer's weight: gzipped JS + CSS of the built app. */
export function rendererSize(): BenchResult {
  const dir = 'out/renderer/assets'
  let total = 0
  const parts: Record<string, number> = {}
  for (const file of readdirSync(dir)) {
    if (!/\.(js|css)$/.test(file)) continue
    const size = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length
    parts[file] = round(size / 1024, 1)
    total += size
  }
  return { id: 'c-size', name: 'Renderer: gzipped JS + CSS', value: round(total / 1024, 1), unit: 'KB', goal: '< 200 KB', ok: total / 1024 < 200, details: parts }
}

/** (c) From navigation to the profile list being visible, through the web host in Chromium. */
export async function timeToProfileList(samples = 20): Promise<BenchResult> {
  const { host, stop } = await startHost()
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS })
  const times: number[] = []
  try {
    for (let i = 0; i < samples + 2; i++) {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(host.url, { waitUntil: 'commit' })
      await page.getByTestId('profile-local-sandbox').waitFor({ state: 'visible' })
      // Measured by the page's own clock: navigation start to the list being in the DOM.
      const ms = await page.evaluate(() => performance.now())
      if (i >= 2) times.push(ms)
      await context.close()
    }
  } finally {
    await browser.close()
    await stop()
  }
  const value = median(times)
  return { id: 'c-nav', name: 'Navigation → profile list visible (median)', value: round(value, 0), unit: 'ms', goal: '< 500 ms', ok: value < 500, details: { samples, p95: round(percentile(times, 95), 0) } }
}

/** (d) From the callback reaching the loopback listener to the tokens being visible in the UI. */
export async function callbackToTokens(samples = 15): Promise<BenchResult> {
  const { host, stop } = await startHost()
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS })
  const times: number[] = []
  try {
    for (let i = 0; i < samples + 2; i++) {
      // A fresh browser profile each time, so every run signs in (no sandbox session cookie).
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(host.url)
      await page.getByTestId('profile-local-sandbox').waitFor()
      // Record, by wall clock, when the new run's tokens panel first appears.
      await page.evaluate(OBSERVE_NEW_RUN_TOKENS)
      const popup = context.waitForEvent('page')
      await page.getByTestId('run-flow').click()
      await signInOnSandboxPage(await popup)
      // A function, not a string: the app's CSP forbids evaluating strings in the page.
      await page.waitForFunction(() => (globalThis as { __tokensAt?: number }).__tokensAt !== undefined)
      const tokensAt = Number(await page.evaluate(() => (globalThis as { __tokensAt?: number }).__tokensAt))
      const runId = await page.locator('[data-run-id]').getAttribute('data-run-id')
      const run = await fetch(`http://127.0.0.1:${host.port}/api/getRun`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ runId }),
      }).then((r) => r.json() as Promise<{ value: { capture: { at: number } } }>)
      if (i >= 2) times.push(tokensAt - run.value.capture.at)
      await context.close()
    }
  } finally {
    await browser.close()
    await stop()
  }
  const value = median(times)
  return { id: 'd-callback', name: 'Callback arrival → tokens visible, loopback (median)', value: round(value, 0), unit: 'ms', goal: '< 150 ms', ok: value < 150, details: { samples, p95: round(percentile(times, 95), 0), min: Math.min(...times) } }
}
