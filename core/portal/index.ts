/** A whole portal at once: list-page links, the agency matcher, year pairing, copied narrative, coverage. Browser-safe. */
export * from '../compare/agency';
export * from '../compare/pair';
export * from './links';
export * from '../compare/copied';
export * from './coverage';
