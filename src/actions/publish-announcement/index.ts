import { runAction } from '../common/run.js';
import { main } from './main.js';

void runAction('publish-announcement', main);
