import { transform } from 'esbuild';
import { defineConfig } from 'wxt';

/** Unicode noncharacters (U+FDD0–FDEF, U+xFFFE/xFFFF): Chrome refuses a script file holding one as "not UTF-8". */
function hasNoncharacter(code: string): boolean {
  for (const ch of code) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return true;
  }
  return false;
}

/**
 * exceljs (in xlsx.js) carries XML character ranges up to U+10FFFF, which the minifier writes as
 * raw characters; such a chunk is rewritten with every non-ASCII character escaped (esbuild knows
 * where an escape is valid: strings, templates, regular expressions). Other chunks are left as built.
 */
const asciiWhereNeeded = {
  name: 'nianbao:ascii-where-needed',
  // After minification (which is what writes the raw characters).
  async generateBundle(_: unknown, bundle: Record<string, { type: string; code?: string }>) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.code || !hasNoncharacter(chunk.code)) continue;
      chunk.code = (await transform(chunk.code, { charset: 'ascii', minify: true, loader: 'js' })).code;
    }
  },
};

// The extension lives in extension/; the core it runs is ../core (no parsing of its own).
// Engine loading: the content script (tiny, no core) finds a report, then the background injects
// engine.js (core + in-page UI, an unlisted script) into that frame; xlsx.js (exceljs) only when
// an XLSX export is asked for. Nothing is web-accessible, nothing is fetched.
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
    permissions: ['storage', 'activeTab', 'scripting'],
    host_permissions: ['*://*.gov.cn/*'],
    // Other portals are opt-in, asked for at runtime from the options page.
    optional_host_permissions: ['*://*/*'],
    // A keyboard way to the popup (and to activeTab): Alt+Shift+L.
    commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+L' } } },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'nianbao-lens@nianbao.invalid', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: { chunkSizeWarningLimit: 4000 },
    plugins: [asciiWhereNeeded],
  }),
});
