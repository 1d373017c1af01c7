import { defineConfig } from 'wxt';

// The extension lives in extension/; the core it runs is ../core (no parsing of its own).
// Engine loading: the content script (tiny, no core) finds a report, then the background injects
// engine.js (core + in-page UI, an unlisted script) into that frame; xlsx.js (exceljs) only when
// an XLSX export is asked for. Nothing is web-accessible, nothing is fetched.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  publicDir: 'extension/public',
  manifest: ({ browser }) => ({
    name: '__MSG_name__',
    description: '__MSG_description__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'activeTab', 'scripting'],
    host_permissions: ['*://*.gov.cn/*'],
    // Other portals are opt-in, asked for at runtime from the options page.
    optional_host_permissions: ['*://*/*'],
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'nianbao-lens@nianbao.invalid', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: { chunkSizeWarningLimit: 4000 },
  }),
});
