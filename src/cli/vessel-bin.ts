// Entry point of the `vessel` bin.
import { main } from './vessel.js';

process.exitCode = await main(process.argv);
