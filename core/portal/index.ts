/** A whole portal at once: list-page links, the agency matcher, year pairing, copied narrative, coverage. Browser-safe. */
export * from './agency';
export * from './pair';
export * from './links';
export * from './copied';
export * from './coverage';
