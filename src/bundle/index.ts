// The serve bundle's entry (src/compile/bundle.ts): the serve command, and for the bundler the start-up
// copies the bundle reads and the warm-up its code cache is made from.
export { runServeCommand } from '../server/command.ts';
export { writeStartCopies } from './start-copies.ts';
export { warmUp } from './warm-up.ts';
