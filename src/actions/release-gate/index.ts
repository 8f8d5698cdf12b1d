import { run } from './entry.js';

void run();
