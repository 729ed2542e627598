import type { MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  about(): void
  openDocs(): void
}

/**
 * The standard application menu: the platform's app menu on macOS, Edit (so copy and paste work
 * in every field), View (zoom, reload), Window and Help with About. Pure: the host builds a Menu
 * from it.
 */
export function menuTemplate(platform: NodeJS.Platform, appName: string, actions: MenuActions, devTools: boolean): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin'
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: () => actions.about() }
  return [
    ...(mac
      ? [{ label: appName, submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } satisfies MenuItemConstructorOptions]
      : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(devTools ? [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    // role 'window' lets macOS list the open windows in it.
    { label: 'Window', role: 'window', submenu: [{ role: 'minimize' }, ...(mac ? [{ role: 'zoom' } satisfies MenuItemConstructorOptions, { role: 'front' } satisfies MenuItemConstructorOptions] : [{ role: 'close' } satisfies MenuItemConstructorOptions])] },
    { role: 'help', submenu: [{ label: 'Documentation', click: () => actions.openDocs() }, ...(mac ? [] : [{ type: 'separator' } satisfies MenuItemConstructorOptions, about])] },
  ]
}
