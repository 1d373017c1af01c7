export { parseHtml, parseDom } from './html';
export { parseText } from './text';
export { buildReport, detectFormat } from './build';
