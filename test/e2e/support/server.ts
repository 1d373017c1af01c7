/**
 * A local web server for the real-browser tests, `npm start` and the bench. It listens on
 * 127.0.0.1 only; Chromium maps every *.gov.cn host name to it (--host-resolver-rules), so pages
 * are seen at their gov.cn addresses.
 *
 *   /samples/<file>   the project's own sample pages (samples/*.html)
 *   /corpus/<file>    the real pages of ../shared/corpus, read in place when the folder is present
 *   /dynamic/<file>   a page that builds its body from /samples/<file> after load (script-built content)
 *   /portal/big.html  a large portal page that is not a report (layout tables, news lists): the bench's worst case
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const SAMPLES_DIR = join(ROOT, 'samples');
export const CORPUS_DIR = resolve(ROOT, '../shared/corpus');

export interface PageServer {
  port: number;
  close(): Promise<void>;
}

const safeName = (name: string) => /^[\w.-]+\.html$/.test(name);

function dynamicPage(file: string, delayMs: number): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>政务公开</title></head>
<body><p id="loading">加载中…</p><script>
setTimeout(function () {
  fetch('/samples/${file}').then(function (r) { return r.text(); }).then(function (text) {
    var doc = new DOMParser().parseFromString(text, 'text/html');
    document.title = doc.title;
    document.body.innerHTML = doc.body.innerHTML;
  });
}, ${delayMs});
</script></body></html>`;
}

/** A big gov.cn-style page that is no report: nested layout tables, 600 news links, a 政务公开 menu. */
export function portalPage(): string {
  const news = Array.from({ length: 600 }, (_, i) => `<tr><td><a href="/news/${i}.html">示例市召开第${i + 1}次政务公开工作推进会议，部署信息公开相关工作</a></td><td>2025-01-${String((i % 28) + 1).padStart(2, '0')}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>政务公开_示例市人民政府</title></head><body>
<table width="100%"><tr><td><table><tr><td>首页</td><td>政务公开</td><td>政府信息公开指南</td><td>政府信息公开年报</td><td>互动交流</td></tr></table></td></tr>
<tr><td><table class="list">${news}</table></td></tr></table><p>主办单位：示例市人民政府办公室</p></body></html>`;
}

export function samplePages(): string[] {
  return existsSync(SAMPLES_DIR) ? readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.html')).sort() : [];
}
export function corpusPages(): string[] {
  return existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.html')).sort() : [];
}

export async function startServer(port = 0): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, area, name = ''] = url.pathname.split('/');
    const send = (status: number, body: string | Buffer, type = 'text/html; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (area === 'samples' && safeName(name) && existsSync(join(SAMPLES_DIR, name))) return send(200, readFileSync(join(SAMPLES_DIR, name)));
      if (area === 'corpus' && safeName(name) && existsSync(join(CORPUS_DIR, name))) return send(200, readFileSync(join(CORPUS_DIR, name)));
      if (area === 'portal' && name === 'big.html') return send(200, portalPage());
      if (area === 'dynamic' && safeName(name)) return send(200, dynamicPage(name, Number(url.searchParams.get('delay') ?? 300)));
      if (url.pathname === '/') {
        const links = [...samplePages().map((f) => `/samples/${f}`), ...corpusPages().map((f) => `/corpus/${f}`)];
        return send(200, `<!doctype html><meta charset="utf-8"><title>年报透镜 示例</title><ul>${links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('')}</ul>`);
      }
      send(404, 'not found', 'text/plain');
    } catch (err) {
      send(500, String(err), 'text/plain');
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
