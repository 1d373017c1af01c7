import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { pdfjsAssets } from './extension/app/pdf/build-assets';
import { ocrAssets } from './extension/app/ocr/build-assets';

// The extension lives in extension/; the core it runs is ../core (no parsing of its own).
// Engine loading: the content script (tiny, no core) finds a report, then the background injects
// engine.js (core + in-page UI, an unlisted script) into that frame; exports.js (the export
// functions, ~55 KB) only when an export is asked for. Nothing is web-accessible, nothing is fetched.
export default defineConfig({
  srcDir: 'extension',
  // NIANBAO_OUT_DIR lets parallel builds (tests, bench) keep apart.
  outDir: process.env.NIANBAO_OUT_DIR || '.output',
  publicDir: 'extension/public',
  // Manifest V3 for Chrome and Firefox alike (WXT would build MV2 for Firefox by default).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_name__',
    description: '__MSG_description__',
    default_locale: 'zh_CN',
    // offscreen (Chrome): the collector reads PDF reports with pdf.js in an offscreen document.
    permissions: ['storage', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: ['*://*.gov.cn/*'],
    // Other portals are opt-in, asked for at runtime from the options page.
    optional_host_permissions: ['*://*/*'],
    // A keyboard way to the popup (and to activeTab): Alt+Shift+L.
    // The pictures page runs OCR's wasm core (tesseract.js, shipped inside): wasm compilation only, no eval of scripts.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+L' } } },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'nianbao-lens@nianbao.invalid', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
  // pdf.js worker, CMaps and standard fonts for the PDF report page (report.html) only; tesseract.js's
  // worker, wasm core and models for the pictures page (pictures.html) only.
  hooks: { 'build:publicAssets': (_wxt, files) => void files.push(...pdfjsAssets(), ...ocrAssets()) },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // WXT's content-script context posts a message carrying the extension id to every page it
    // runs on: the content script gets a stub instead (it takes no context).
    resolve: { alias: [{ find: /^wxt\/utils\/content-script-context$/, replacement: resolve(import.meta.dirname, 'extension/lib/no-wxt-context.ts') }] },
    // NIANBAO_NO_MINIFY=1: readable function names in a CPU profile of the engine in Chromium.
    build: { chunkSizeWarningLimit: 4000, ...(process.env.NIANBAO_NO_MINIFY ? { minify: false } : {}) },
  }),
});
