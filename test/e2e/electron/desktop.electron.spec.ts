import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type ElectronApplication } from '@playwright/test'
import { findElectronBinary } from './electron-binary'
import { freshUserData, launchApp } from './launch'

const binary = findElectronBinary()
const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string; productName: string }

async function launch(userData: string): Promise<ElectronApplication> {
  if (!binary.found) throw new Error(binary.reason)
  const app = await launchApp(binary.path, userData)
  await expect((await app.firstWindow()).locator('[data-app-state="ready"]')).toBeVisible()
  return app
}

/**
 * What makes it behave like a desktop app (main/electron/desktop.ts and friends): an About box
 * with what a support ticket needs, an Edit menu whose roles really copy and paste, and a
 * window that reopens where it was left. Runs wherever the Electron binary exists.
 */
test.describe('Electron host: desktop manners', () => {
  test.skip(!binary.found, `skipped: no Electron binary (${binary.found ? '' : binary.reason})`)

  test('About names the app and its version, with the Electron, Chromium and Node versions and the OS', async () => {
    const app = await launch(freshUserData())
    try {
      const shown = await app.evaluate(({ Menu, dialog }) => {
        const seen: { title?: string; message?: string; detail?: string }[] = []
        // Record the box instead of showing a modal the test cannot click.
        dialog.showMessageBox = (async (...args: unknown[]) => {
          seen.push(args.at(-1) as { title?: string; message?: string; detail?: string })
          return { response: 0, checkboxChecked: false }
        }) as unknown as typeof dialog.showMessageBox
        const menu = Menu.getApplicationMenu()
        type Item = NonNullable<typeof menu>['items'][number]
        const all = (items: Item[]): Item[] => items.flatMap((item) => [item, ...(item.submenu ? all(item.submenu.items) : [])])
        const about = all(menu?.items ?? []).find((item) => item.label.startsWith('About '))
        about?.click()
        return { label: about?.label, box: seen[0], versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node }, platform: process.platform, arch: process.arch }
      })
      expect(shown.label).toBe(`About ${pkg.productName}`)
      expect(shown.box).toMatchObject({ title: `About ${pkg.productName}`, message: `${pkg.productName} ${pkg.version}` })
      const detail = shown.box?.detail?.split('\n') ?? []
      expect(detail).toEqual(
        expect.arrayContaining([
          `Version: ${pkg.version}`,
          `Electron: ${shown.versions.electron}`,
          `Chromium: ${shown.versions.chrome}`,
          `Node.js: ${shown.versions.node}`,
          `OS: ${shown.platform} ${shown.arch}`,
        ]),
      )
    } finally {
      await app.close()
    }
  })

  test('the Edit menu has the standard roles, and its Copy and Paste work in a field', async () => {
    const app = await launch(freshUserData())
    try {
      const roles = await app.evaluate(({ Menu }) =>
        (Menu.getApplicationMenu()?.items.find((item) => item.label === 'Edit')?.submenu?.items ?? []).map((item) => (item.type === 'separator' ? 'separator' : String(item.role).toLowerCase())),
      )
      expect(roles).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'selectall'])

      // A field of our own, so the check does not depend on a screen of the app.
      const window = await app.firstWindow()
      await window.evaluate(() => {
        const field = document.createElement('textarea')
        field.id = 'oft-edit-check'
        field.value = 'copied through the Edit menu'
        document.body.append(field)
        field.focus()
        field.select()
      })
      const clickRole = (role: string) =>
        app.evaluate(({ BrowserWindow, Menu }, wanted) => {
          const win = BrowserWindow.getAllWindows()[0]
          const item = Menu.getApplicationMenu()?.items.find((i) => i.label === 'Edit')?.submenu?.items.find((i) => String(i.role).toLowerCase() === wanted)
          if (!win || !item) throw new Error(`no window or no ${wanted} item`)
          win.focus()
          item.click(undefined, win, win.webContents)
        }, role)
      await clickRole('copy')
      await expect.poll(() => app.evaluate(({ clipboard }) => clipboard.readText())).toBe('copied through the Edit menu')
      await window.evaluate(() => {
        const field = document.getElementById('oft-edit-check') as HTMLTextAreaElement
        field.value = ''
        field.focus()
      })
      await clickRole('paste')
      await expect.poll(() => window.evaluate(() => (document.getElementById('oft-edit-check') as HTMLTextAreaElement).value)).toBe('copied through the Edit menu')
    } finally {
      await app.close()
    }
  })

  test('the window reopens where it was left, at the size it had', async () => {
    const userData = freshUserData()
    const first = await launch(userData)
    const left = await (async () => {
      try {
        const handle = await first.browserWindow(await first.firstWindow())
        await handle.evaluate((win) => win.setBounds({ x: 40, y: 30, width: 960, height: 640 }))
        // What the window manager actually granted is what must come back.
        await expect.poll(() => handle.evaluate((win) => win.getBounds().width)).toBe(960)
        return await handle.evaluate((win) => win.getBounds())
      } finally {
        await first.close()
      }
    })()
    const saved = JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8')) as { window?: Record<string, unknown> }
    expect(saved.window).toMatchObject({ width: left.width, height: left.height, maximized: false })

    const second = await launch(userData)
    try {
      const handle = await second.browserWindow(await second.firstWindow())
      const reopened = await handle.evaluate((win) => win.getBounds())
      expect({ width: reopened.width, height: reopened.height }).toEqual({ width: left.width, height: left.height })
      // Window managers may shift a window by their frame; it stays where it was, give or take that.
      expect(Math.abs(reopened.x - left.x)).toBeLessThanOrEqual(50)
      expect(Math.abs(reopened.y - left.y)).toBeLessThanOrEqual(50)
    } finally {
      await second.close()
    }
  })
})
