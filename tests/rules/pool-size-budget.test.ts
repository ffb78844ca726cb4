import rule from '../../src/rules/pool-size-budget.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './pool-size-budget.cases.js';

createRuleTester().run('pool-size-budget', rule, { valid, invalid });
