import rule from '../../src/rules/no-unfinished-transaction.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './no-unfinished-transaction.cases.js';

createRuleTester().run('no-unfinished-transaction', rule, { valid, invalid });
