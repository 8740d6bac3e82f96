// `npm run phone-metadata`: writes src/schemas/phone-metadata.json, the phone metadata the API validates with.
// It is libphonenumber-js's own smallest ("min") metadata without the formatting patterns (how to print a number
// nationally): parsing and validating never read them, and they are about 50 KB of the 83 KB that every route
// reading a phone would otherwise load. test/unit/schemas/phone.test.ts fails when the file no longer matches the
// installed package, and holds the answers to those of the full metadata.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Index of a numbering plan's formats in version-4 metadata (libphonenumber-js `Metadata._getFormats`). */
const FORMATS = 4;

type Plans = Record<string, unknown[]>;
interface MetadataV4 {
  readonly version: number;
  readonly countries: Plans;
  readonly nonGeographic: Plans;
}

/** The installed package's min metadata with every numbering plan's formats emptied. */
export function validationMetadata(): MetadataV4 {
  const file = createRequire(import.meta.url).resolve('libphonenumber-js/metadata.min.json');
  const full = JSON.parse(readFileSync(file, 'utf8')) as MetadataV4;
  if (full.version !== 4) throw new Error(`libphonenumber-js metadata version ${full.version}: expected 4`);
  const withoutFormats = (plans: Plans): Plans =>
    Object.fromEntries(Object.entries(plans).map(([key, plan]) => [key, plan.map((v, i) => (i === FORMATS ? [] : v))]));
  return { ...full, countries: withoutFormats(full.countries), nonGeographic: withoutFormats(full.nonGeographic) };
}

export const metadataFile = fileURLToPath(new URL('../src/schemas/phone-metadata.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(metadataFile, `${JSON.stringify(validationMetadata())}\n`);
  console.log(`wrote ${metadataFile}`);
}
