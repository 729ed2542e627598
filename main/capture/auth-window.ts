/**
 * The in-app auth window as the flow engine sees it. Only the Electron host can open one
 * (`main/electron/auth-window.ts`); the web host leaves it out and the engine says so.
 */
export interface AuthWindowRequest {
  runId: string
  authorizeUrl: string
  redirectUri: string
  /** The navigation to the redirect URI, caught before it loads. */
  deliver(url: string): void
  /** The user closed the window before the redirect. */
  closed(): void
}

export interface AuthWindowHandle {
  close(): void
}

export type OpenAuthWindow = (request: AuthWindowRequest) => AuthWindowHandle | Promise<AuthWindowHandle>

/** Each run's window gets its own in-memory session, so every run starts logged out. */
export const authPartition = (runId: string): string => `oft-auth-${runId}`
