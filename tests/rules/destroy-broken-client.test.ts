import rule from '../../src/rules/destroy-broken-client.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './destroy-broken-client.cases.js';

createRuleTester().run('destroy-broken-client', rule, { valid, invalid });
