/** The version of the export document's shape, and the name it is written by (kept apart from the zod schema, so writing JSON needs no zod). */
export const EXPORT_VERSION = 1;
export const GENERATOR = 'nianbao-lens';
