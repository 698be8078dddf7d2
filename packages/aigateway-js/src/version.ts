// A named JSON import: bundlers inline just this field, and `changeset version` keeps it right.
import { version } from '../package.json';

/** The SDK's version. */
export const VERSION: string = version;
