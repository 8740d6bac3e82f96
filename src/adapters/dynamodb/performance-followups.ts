/** The search index is written by `writeSearchEntries` (search-index.ts); this name stays for bench/search.ts. */
export { writeSearchEntries as syncSearchIndex } from './search-index';
