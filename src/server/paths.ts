// Where the build output and the curated data live, relative to the package (not the working directory).
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const PACKAGE_ROOT = root;
export const GENERATED_SPEC = `${root}generated/openapi.json`;
export const GENERATED_FIXTURES = `${root}generated/fixtures.json`;
export const CURATED_FIXTURES = `${root}fixtures/default.json`;

/** Set to true in the serve bundle by src/compile/bundle.ts; not defined when the sources run. */
declare const ET_FAKE_BUNDLE: true | undefined;

/**
 * The serve bundle's start-up copies, written beside it by the bundler (import.meta.url is the bundle's there):
 * the spec without its indentation, and the default data already merged, in one file. They parse as the
 * originals do, in less time.
 */
export const START_COPIES =
  typeof ET_FAKE_BUNDLE === 'undefined'
    ? undefined
    : { spec: fileURLToPath(new URL('openapi.json', import.meta.url)), data: fileURLToPath(new URL('default-data.json', import.meta.url)) };

/** The spec the server reads when it is given none. */
export const SERVED_SPEC = START_COPIES?.spec ?? GENERATED_SPEC;
