import { describe, expect, it } from 'vitest'
import { aboutDetail } from '../../../main/electron/about'
import { menuTemplate } from '../../../main/electron/app-menu'
import { restoreBounds } from '../../../main/electron/window-bounds'

const defaults = { width: 1280, height: 860, minWidth: 900, minHeight: 600 }
const laptop = { x: 0, y: 0, width: 1440, height: 900 }
const external = { x: 1440, y: 0, width: 2560, height: 1440 }

describe('window bounds', () => {
  it('reopens where it was', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1000, height: 700, maximized: false }, [laptop], defaults)).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: false })
  })

  it('keeps a window on a second display while that display exists', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1400, height: 900 }, [laptop, external], defaults)).toMatchObject({ x: 1600, width: 1400 })
  })

  it('comes back to the primary display when the saved one is gone', () => {
    expect(restoreBounds({ x: 1600, y: 100, width: 1400, height: 900 }, [laptop], defaults)).toEqual({ x: 80, y: 20, width: 1280, height: 860, maximized: false })
  })

  it('centres the default size when nothing (or junk) was saved, never smaller than the minimum', () => {
    expect(restoreBounds(undefined, [laptop], defaults)).toMatchObject({ width: 1280, height: 860 })
    expect(restoreBounds({ x: Number.NaN, y: 0, width: 10, height: 10 }, [laptop], defaults)).toMatchObject({ width: 1280 })
    expect(restoreBounds({ x: 0, y: 0, width: 10, height: 10 }, [laptop], defaults)).toMatchObject({ width: 900, height: 600 })
  })

  it('remembers maximised', () => {
    expect(restoreBounds({ x: 0, y: 0, width: 1000, height: 700, maximized: true }, [laptop], defaults).maximized).toBe(true)
  })
})

describe('application menu', () => {
  const actions = { about: () => undefined, openDocs: () => undefined }
  const roles = (t: ReturnType<typeof menuTemplate>) => JSON.stringify(t)

  it('has Edit with copy and paste on every platform, and About', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const text = roles(menuTemplate(platform, 'OAuth Flow Tester', actions, false))
      for (const role of ['copy', 'paste', 'selectAll', 'undo', 'zoomIn']) expect(text).toContain(`"role":"${role}"`)
      expect(text).toContain('About OAuth Flow Tester')
    }
  })

  it('puts the app menu first on macOS only', () => {
    expect(menuTemplate('darwin', 'OAuth Flow Tester', actions, false)[0]?.label).toBe('OAuth Flow Tester')
    expect(menuTemplate('linux', 'OAuth Flow Tester', actions, false)[0]?.label).toBe('File')
  })

  it('lets macOS list the open windows in the Window menu', () => {
    const windowMenu = menuTemplate('darwin', 'x', actions, false).find((m) => m.label === 'Window')
    expect(windowMenu?.role).toBe('window')
  })

  it('offers developer tools only in development', () => {
    expect(roles(menuTemplate('linux', 'x', actions, false))).not.toContain('toggleDevTools')
    expect(roles(menuTemplate('linux', 'x', actions, true))).toContain('toggleDevTools')
  })
})

describe('About', () => {
  it('lists the versions support staff need', () => {
    const text = aboutDetail('1.2.3', { electron: '45.4.1', chrome: '142.0', node: '22.20.0' }, 'linux', 'x64')
    expect(text).toBe('Version: 1.2.3\nElectron: 45.4.1\nChromium: 142.0\nNode.js: 22.20.0\nOS: linux x64')
  })
})
