import rule from '../../src/rules/no-double-release.js';
import { createRuleTester } from '../support/rule-tester.js';
import { invalid, valid } from './no-double-release.cases.js';

createRuleTester().run('no-double-release', rule, { valid, invalid });
