// The command line's words: every command's flags and help text (commands.ts), parsed with one-line errors
// that name the wrong flag and the nearest right one (flags.ts); README's CLI reference is made from them.
export * from './flags.ts';
export * from './commands.ts';
