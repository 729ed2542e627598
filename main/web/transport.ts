/** Names shared by the web host's server and the page-side bridge; nothing else knows them. */

/** SSE event name on which the host asks the page to open a URL in a new tab. */
export const OPEN_URL_EVENT = 'host-open-url'
/** sessionStorage key of the per-launch token, so a reload keeps working. */
export const TOKEN_STORAGE_KEY = 'oft.launch-token'
