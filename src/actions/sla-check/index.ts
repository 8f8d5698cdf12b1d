import { runAction } from '../common/run.js';
import { main } from './main.js';

void runAction('sla-check', main);
