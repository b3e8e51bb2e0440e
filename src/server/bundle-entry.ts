// What the serve bundle exports (src/compile/bundle.ts): the serve command, and the warm-up its code cache is
// made from.
export { runServeCommand } from './command.ts';
export { warmUp } from './warm-up.ts';
