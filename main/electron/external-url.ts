/** Only main opens the system browser, and only for http(s) URLs without credentials. */
export function isOpenableExternally(url: string): boolean {
  try {
    const parsed = new URL(url)
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}
