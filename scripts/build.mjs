// Builds everything Electron loads and the web host serves, into out/:
//   out/renderer/   the Vue app          out/preload/preload.cjs   the sandboxed preload (CommonJS)
//   out/main/       electron.js + web.js out/bridge/bridge.js      the web host's window.tester
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { build } from 'vite'
import vue from '@vitejs/plugin-vue'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
const root = new URL('..', import.meta.url).pathname
const quiet = process.argv.includes('--quiet')
const logLevel = quiet ? 'warn' : 'info'
const define = { __APP_VERSION__: JSON.stringify(pkg.version) }

// Runtime dependencies stay external to main: electron-builder packs them into the asar.
const runtime = Object.keys(pkg.dependencies ?? {})
const isExternal = (id) =>
  id === 'electron' ||
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  runtime.some((dep) => id === dep || id.startsWith(`${dep}/`))

const started = performance.now()

await build({
  configFile: false,
  root: `${root}renderer`,
  base: '/',
  logLevel,
  plugins: [vue()],
  build: { outDir: `${root}out/renderer`, emptyOutDir: true, target: 'es2022', reportCompressedSize: !quiet },
})

await build({
  configFile: false,
  root,
  logLevel,
  define,
  build: {
    ssr: true,
    target: 'node20',
    outDir: `${root}out/main`,
    emptyOutDir: true,
    rollupOptions: {
      input: { electron: `${root}main/electron/main.ts`, web: `${root}main/web/cli.ts` },
      external: isExternal,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
})

// A sandboxed preload cannot load ESM or split chunks: one CommonJS file, electron external.
await build({
  configFile: false,
  root,
  logLevel,
  build: {
    target: 'node20',
    outDir: `${root}out/preload`,
    emptyOutDir: true,
    minify: false,
    lib: { entry: `${root}main/electron/preload.ts`, formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'] },
  },
})

await build({
  configFile: false,
  root,
  logLevel,
  build: {
    target: 'es2022',
    outDir: `${root}out/bridge`,
    emptyOutDir: true,
    lib: { entry: `${root}main/web/bridge/bridge.ts`, formats: ['iife'], name: 'oftBridge', fileName: () => 'bridge.js' },
  },
})

console.log(`Built out/ in ${Math.round(performance.now() - started)} ms.`)
