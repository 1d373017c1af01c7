import { defineConfig } from 'wxt';

// The extension lives in extension/; the core it runs is ../core (no parsing of its own).
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  manifest: {
    name: '年报透镜 Nianbao Lens',
    description: '政府信息公开工作年度报告：读懂、核对、导出 — read, check and export annual disclosure reports',
    permissions: ['storage', 'activeTab', 'scripting'],
    host_permissions: ['*://*.gov.cn/*'],
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
});
