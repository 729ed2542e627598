import { screen, type BrowserWindow } from 'electron'
import Store from 'electron-store'
import { restoreBounds, type WindowState } from './window-bounds'

const DEFAULTS = { width: 1280, height: 860, minWidth: 900, minHeight: 600 }

/** Remembers the main window's size, position and maximised state between launches. */
export class WindowStateKeeper {
  private readonly store = new Store<{ window?: Partial<WindowState> }>({ name: 'window-state', clearInvalidConfig: true })

  /** Where the window should open: the last place, if a display is still there. */
  initial(): WindowState {
    // The primary display first: restoreBounds centres on it when the saved place is gone.
    const primary = screen.getPrimaryDisplay()
    const others = screen.getAllDisplays().filter((d) => d.id !== primary.id)
    return restoreBounds(this.store.get('window'), [primary, ...others].map((d) => d.workArea), DEFAULTS)
  }

  /** Saves the window's state whenever it settles and when it closes. */
  track(window: BrowserWindow): void {
    let timer: NodeJS.Timeout | undefined
    const save = (): void => {
      if (window.isDestroyed() || window.isMinimized()) return
      const maximized = window.isMaximized()
      // While maximised keep the normal bounds, so un-maximising after a restart looks right.
      const bounds = maximized ? window.getNormalBounds() : window.getBounds()
      this.store.set('window', { ...bounds, maximized })
    }
    const later = (): void => {
      clearTimeout(timer)
      timer = setTimeout(save, 400)
    }
    window.on('resize', later)
    window.on('move', later)
    // Not every platform reports these as a resize.
    window.on('maximize', later)
    window.on('unmaximize', later)
    window.on('close', () => {
      clearTimeout(timer)
      save()
    })
  }
}
