/** xlsx.js: the core's XLSX export (exceljs), injected only when an XLSX download is asked for. */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { toXlsx } from '../../core/export/xlsx';

export default defineUnlistedScript(() => {
  globalThis.__nianbaoXlsx = { toXlsx: (items) => toXlsx(items) };
});
