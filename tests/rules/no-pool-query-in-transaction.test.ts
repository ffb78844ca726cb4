import rule from '../../src/rules/no-pool-query-in-transaction.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './no-pool-query-in-transaction.cases.js';

createRuleTester().run('no-pool-query-in-transaction', rule, { valid, invalid });
