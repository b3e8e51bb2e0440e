// Path patterns of the admin API's filters and fault rules: a glob (`*` within one segment, `**` across
// segments, `?` one character, e.g. `/api/scriptpackage/*`), or a regular expression when the pattern starts
// with `^` (`^/api/script(s|packages)$`). Paths compare in any case, as ET's routes do; a trailing slash is
// optional.

export type PathMatcher = (path: string) => boolean;

export class PatternError extends Error {}

export function pathMatcher(pattern: string): PathMatcher {
  let re: RegExp;
  try {
    re = pattern.startsWith('^') ? new RegExp(pattern, 'i') : new RegExp(`^${globToRegex(pattern)}/?$`, 'i');
  } catch (err) {
    throw new PatternError(`The path pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(err as Error).message}.`);
  }
  return (path) => re.test(path);
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}
