import rule from '../../src/rules/require-pool-error-handler.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './require-pool-error-handler.cases.js';

createRuleTester().run('require-pool-error-handler', rule, { valid, invalid });
