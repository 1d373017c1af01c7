/** Answers the popup: exports and "open the panel", done by the engine in the page. */
import type { Feature } from '../context';
import { onMessage } from '../../lib/protocol';

export const pageMessages: Feature = {
  id: 'page-messages',
  init(ctx) {
    // Messages come from the extension's own pages only (the popup), never from the page.
    onMessage('page:export', async ({ data }) => {
      await ctx.download(data);
      return true;
    });
    onMessage('page:panel', () => {
      ctx.store.set({ open: true });
      return true;
    });
  },
};
