/** `npm start`: with no arguments the built-in demo; with --sip-address a real diagnosis. */
import { main } from './cli';

const args = process.argv.slice(2);
const argv = args.length === 0 ? ['demo'] : args[0]?.startsWith('--') ? ['diagnose', ...args] : args;
void main(argv).then((code) => {
  process.exitCode = code;
});
