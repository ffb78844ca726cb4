// Like plugin-config.mjs, with `exceptions: 'all'` on the rules that follow exception paths: to
// measure whether the strict config can afford it.
import base from './plugin-config.mjs';

const withAll = ['no-leaked-client', 'no-leaked-cursor', 'no-unfinished-transaction'];
export default base.map((config) => ({
  ...config,
  rules: { ...config.rules, ...Object.fromEntries(withAll.map((rule) => [`db-leaks/${rule}`, ['warn', { exceptions: 'all' }]])) },
}));
