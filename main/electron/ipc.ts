import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron'
import { CALL_NAMES, callChannel } from '../../shared/contract/names'
import { fail } from '../../shared/contract/result'
import type { Dispatch } from '../contract-dispatch'
import { isTrustedSender } from './trusted-sender'

/** Binds every contract call to its IPC channel, checking the sender of each call. */
export function bindContract(ipcMain: IpcMain, dispatch: Dispatch, windows: () => BrowserWindow[]): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      const ours = windows().some((w) => !w.isDestroyed() && w.webContents.id === event.sender.id)
      if (!isTrustedSender(event.senderFrame, ours)) {
        return fail('unauthorized', 'Calls are accepted only from the app’s own window.')
      }
      return dispatch(name, input)
    })
  }
}
