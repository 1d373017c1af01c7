export { parseHtml } from './html';
export { parseText } from './text';
export { buildReport, detectFormat } from './build';
