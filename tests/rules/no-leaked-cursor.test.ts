import rule from '../../src/rules/no-leaked-cursor.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './no-leaked-cursor.cases.js';

createRuleTester().run('no-leaked-cursor', rule, { valid, invalid });
