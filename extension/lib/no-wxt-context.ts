/**
 * Stands in for WXT's ContentScriptContext in the content script (an alias in wxt.config.ts). The
 * real one, created by WXT's wrapper around every content script, posts
 * `{type: "<extension id>:content:wxt:content-script-started"}` to the page's window and
 * dispatches the same event on the page's document — on every page, telling any page script that
 * this extension is installed. Our content script takes no context, so none is made.
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
