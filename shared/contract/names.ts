/**
 * The names of every call the renderer can make. Kept apart from the schemas so the
 * preload and the web bridge stay tiny (no zod in them); `calls.ts` must cover exactly these.
 */
export const CALL_NAMES = [
  'getAppInfo',
  'listProfiles',
  'startFlow',
  'cancelFlow',
  'getRun',
  'listRuns',
  'deliverRedirect',
  // The vendor flow's API mode: what the run asks the user for mid-run (main/flows/vendor-input.ts).
  'submitLogin',
  'sendOtp',
  'submitOtp',
  // After the exchange: the token lifecycle (main/tokens).
  'getTokenSet',
  'listTokenSets',
  'decodeToken',
  'verifyToken',
  'refreshTokens',
  'replaySupersededRefresh',
  'revokeToken',
  'introspectToken',
  'callUserinfo',
  'callTestApi',
  'logoutTokens',
  'setAutoRefresh',
  'revealToken',
  'copyAsCurl',
  'getExchange',
  // Profiles, presets, secrets, import/export (shared/contract/profile-calls.ts).
  'getProfile',
  'validateProfile',
  'saveProfile',
  'deleteProfile',
  'duplicateProfile',
  'listPresets',
  'createFromPreset',
  'setSecret',
  'clearSecret',
  'exportProfiles',
  'importProfiles',
  'fillFromIssuer',
  'getStorageStatus',

  // The scenario lab (main/lab).
  'listScenarios',
  'runScenarios',
  'getLabReport',
  'exportLabReport',

  // Evidence: run history, network panel, compare, support bundle (shared/contract/evidence-calls.ts).
  'listHistory',
  'getHistoryRun',
  'listRunExchanges',
  'exchangeAsCurl',
  'exportHar',
  'compareRuns',
  'previewSupportBundle',
] as const

export type CallName = (typeof CALL_NAMES)[number]

export const isCallName = (value: unknown): value is CallName =>
  typeof value === 'string' && (CALL_NAMES as readonly string[]).includes(value)

/** IPC channel of one call in the Electron host. */
export const callChannel = (name: CallName): string => `tester:call:${name}`

/** IPC channel on which main pushes events to the window. */
export const EVENT_CHANNEL = 'tester:event'
