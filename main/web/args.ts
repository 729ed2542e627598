/** Command-line options of the web host. npm turns `npm run start:web --json` into an env var. */
export interface WebArgs {
  port: number
  json: boolean
  help: boolean
  /** Open the page in the default browser after start. */
  open: boolean
  /** Hand this redirect URL to the running web host as a deep link, then exit. */
  deliver?: string
  /** Where profiles and the vault live (`--data-dir`, or `OFT_DATA_DIR`); default: the user's config folder. */
  dataDir?: string
}

export type ParsedArgs = { ok: true; args: WebArgs } | { ok: false; message: string }

export function parseWebArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): ParsedArgs {
  const args: WebArgs = {
    port: 0,
    json: env.npm_config_json === 'true',
    help: false,
    open: false,
  }
  if (env.OFT_DATA_DIR !== undefined && env.OFT_DATA_DIR !== '') args.dataDir = env.OFT_DATA_DIR
  if (env.npm_config_data_dir !== undefined && env.npm_config_data_dir !== '') args.dataDir = env.npm_config_data_dir
  if (env.npm_config_port !== undefined && env.npm_config_port !== '') {
    const port = toPort(env.npm_config_port)
    if (port === undefined) return { ok: false, message: `--port must be a number from 0 to 65535, not "${env.npm_config_port}".` }
    args.port = port
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    switch (name) {
      case '--json':
        args.json = true
        break
      case '--open':
        args.open = true
        break
      case '--help':
      case '-h':
        args.help = true
        break
      case '--deliver': {
        let value = inline ?? argv[++i]
        // `--deliver -- <url>`: the separator keeps a URL from ever being read as an option.
        if (value === '--') value = argv[++i]
        if (value === undefined || value === '') return { ok: false, message: '--deliver needs the redirect URL, e.g. --deliver "dev.oauthflowtester:/callback?code=…&state=…".' }
        args.deliver = value
        break
      }
      case '--port': {
        const value = inline ?? argv[++i]
        const port = value === undefined ? undefined : toPort(value)
        if (port === undefined) return { ok: false, message: `--port must be a number from 0 to 65535, not "${value ?? ''}".` }
        args.port = port
        break
      }
      case '--data-dir': {
        const value = inline ?? argv[++i]
        if (value === undefined || value === '' || value.startsWith('--')) return { ok: false, message: '--data-dir needs a folder, e.g. --data-dir ./my-profiles.' }
        args.dataDir = value
        break
      }
      default:
        return { ok: false, message: `Unknown option "${arg}". Try --help.` }
    }
  }
  return { ok: true, args }
}

function toPort(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value)) return undefined
  const port = Number(value)
  return port <= 65535 ? port : undefined
}

export const WEB_HELP = `OAuth Flow Tester, web host: the same service and renderer, served on 127.0.0.1.

Usage: npm run start:web [-- options]

  --port N   listen on port N (default: a free port)
  --json     print one line {"url","token","port"} for scripts, nothing else on stdout
  --open     open the page in the default browser
  --data-dir DIR
             keep profiles and the secret vault in DIR (also: OFT_DATA_DIR);
             default: your config folder (e.g. ~/.config/oauth-flow-tester)
  --help     show this text

  --deliver URL   do not start a host: hand URL (a dev.oauthflowtester: redirect) to the
                  running web host, as the OS hands a deep link to the desktop app

Every API request needs the per-launch token: the page reads it from the URL fragment,
scripts send "Authorization: Bearer <token>".`
