/** URL facts the rules share. */

export function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}

export function parseAnyUri(text: string): URL | undefined {
  try {
    return new URL(text.trim())
  } catch {
    return undefined
  }
}

/** 127.0.0.0/8 and [::1]: this machine, whatever the resolver says (RFC 8252 §8.3). */
export function isLoopbackIp(hostname: string): boolean {
  if (hostname === '[::1]') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

export const isLocalhostName = (hostname: string): boolean => hostname === 'localhost' || hostname.endsWith('.localhost')

export const isLoopback = (hostname: string): boolean => isLoopbackIp(hostname) || isLocalhostName(hostname)

/** Host names that by convention name a test system. */
export const looksLikeSandboxHost = (hostname: string): boolean =>
  /(^|[.-])(sandbox|staging|stage|stg|dev|develop|test|testing|qa|uat|preprod|demo)([.-]|\d|$)/i.test(hostname)

/** A private-use URI scheme such as `com.example.app:/callback` (RFC 8252 §7.1). */
export const isCustomScheme = (url: URL): boolean => url.protocol !== 'http:' && url.protocol !== 'https:'
