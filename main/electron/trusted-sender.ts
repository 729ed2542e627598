import { isAppUrl } from './app-origin'

/** The parts of an IPC sender frame the check needs (Electron's WebFrameMain has more). */
export interface SenderFrame {
  url: string
  parent: unknown
}

/**
 * Every IPC call must come from the app's own page in the main frame of a window we created:
 * not a sub-frame, not a navigated-away page, not some other origin.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, isOurWindow: boolean): boolean {
  if (!frame || !isOurWindow) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url)
}
