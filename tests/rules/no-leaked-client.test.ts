import rule from '../../src/rules/no-leaked-client.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './no-leaked-client.cases.js';

createRuleTester().run('no-leaked-client', rule, { valid, invalid });
