/**
 * The three data tables found in PDF text. Each finder returns the cells it read, the span of
 * lines the table takes (left out of the narrative) and diagnostics. Tables are found by their
 * shape (a line of 7 numbers is a table-3 row, a line of 15 numbers is table 4) and headings,
 * rows are named by their labels where they can be read and by the official row order where not.
 */
// One file per table, by job: what the finders share (text-tables-base), table 2, 3 and 4.
export { isSectionHeading, type Span, type TableResult } from './text-tables-base';
export { findT2, scanT2Columns } from './text-table-2';
export { findT3 } from './text-table-3';
export { findT4 } from './text-table-4';
