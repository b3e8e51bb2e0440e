// File names clients send (multipart parts, entries of an uploaded zip): kept only when they name a file and
// nothing else, so no stored name, Content-Disposition or later download can reach outside its place.

const MAX_NAME = 255;

/**
 * Why this file name is refused, or undefined when it is fine. `folders`: the name may carry folders inside
 * its own (a zip entry's `results/a.xml`), never upward or from the root.
 */
export function fileNameProblem(name: string, options: { folders: boolean }): string | undefined {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}...` : name);
  const refuse = (why: string) => `The file name ${shown} ${why}.`;
  if (!name.trim() || /^\.+$/.test(name)) return refuse('names no file');
  if (name.length > MAX_NAME) return refuse(`is longer than ${MAX_NAME} characters`);
  if (/[\x00-\x1f\x7f]/.test(name)) return refuse('has control characters');
  if (!options.folders && /[\\/]/.test(name)) return refuse('is a path: send the file\'s own name, without folders');
  if (/^[\\/]/.test(name) || /^[a-z]:/i.test(name)) return refuse('is an absolute path');
  if (name.split(/[\\/]/).includes('..')) return refuse('leaves its folder (..)');
  return undefined;
}
