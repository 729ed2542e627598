import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, expect, type ElectronApplication, type Page } from '@playwright/test'

/** A user-data folder of its own, so the single-instance lock and the stores never collide. */
export const freshUserData = (): string => mkdtempSync(join(tmpdir(), 'oft-electron-'))

/** Launches the built app with the real Electron binary, on its own user-data folder. */
export async function launchApp(executablePath: string, userData = freshUserData()): Promise<ElectronApplication> {
  const env = { ...process.env, OFT_USER_DATA: userData } as Record<string, string>
  // A parent shell that runs Electron as Node would break the launch.
  delete env.ELECTRON_RUN_AS_NODE
  return _electron.launch({ executablePath, args: ['.', '--no-sandbox'], env })
}

/** Keeps the system browser out of a test: main's openExternal records the URL instead. */
export async function recordOpenedUrls(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ shell }) => {
    const opened: string[] = []
    ;(globalThis as { __opened?: string[] }).__opened = opened
    shell.openExternal = async (url: string) => {
      opened.push(url)
    }
  })
}

/** The last URL main would have opened in the system browser. */
export const lastOpenedUrl = (app: ElectronApplication): Promise<string | undefined> =>
  app.evaluate(() => (globalThis as { __opened?: string[] }).__opened?.at(-1))

/** Launches the app with the system browser kept out, and waits until its window is ready. */
export async function launchReady(executablePath: string): Promise<{ app: ElectronApplication; window: Page }> {
  const app = await launchApp(executablePath)
  await recordOpenedUrls(app)
  const window = await app.firstWindow()
  await expect(window.locator('[data-app-state="ready"]')).toBeVisible()
  return { app, window }
}
