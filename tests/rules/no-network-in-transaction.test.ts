import rule from '../../src/rules/no-network-in-transaction.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './no-network-in-transaction.cases.js';

createRuleTester().run('no-network-in-transaction', rule, { valid, invalid });
