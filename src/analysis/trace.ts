/**
 * @fileoverview `DEBUG=db-leaks:flow`: a look at a walk, the way ESLint core can dump its code
 * paths. For each analysed obligation it prints where it is created, each change of state with
 * the node that made it, each abrupt completion, and the state at every exit of its scope, so a
 * false positive can be understood from the trace instead of from the engine's code.
 */
import ts = require('typescript');

import type { FlowDomain } from './flow.js';

/** Whether the environment asks for the trace: `DEBUG=db-leaks:flow` (or `db-leaks:*`, `*`). */
export const tracing = /(?:^|,)\s*(?:\*|db-leaks:\*|db-leaks:flow)\s*(?:,|$)/.test(process.env.DEBUG ?? '');

/** `domain`, printing what it does to stderr. `describe` renders a state in a few words. */
export function traced<S>(domain: FlowDomain<S>, title: string, describe: (state: S) => string): FlowDomain<S> {
  const log = (line: string): void => {
    process.stderr.write(`db-leaks:flow ${line}\n`);
  };
  log(title);
  return {
    ...domain,
    visit(node, state) {
      const next = domain.visit(node, state);
      if (!domain.equals(state, next)) {
        log(`  ${where(node)} ${summary(node)}: ${describe(state)} → ${describe(next)}`);
      }
      return next;
    },
    jump(kind, origin, state) {
      const next = domain.jump(kind, origin, state);
      log(`  ${where(origin)} ${kind} from ${summary(origin)} carries ${describe(next)}`);
      return next;
    },
    leave(scope, kind, state) {
      log(`  leaves ${where(scope)} (${kind}) with ${describe(state)}`);
      return domain.leave(scope, kind, state);
    },
  };
}

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return `${file.fileName.split(/[\\/]/).pop()}:${line + 1}:${character + 1}`;
}

function summary(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 48 ? `${text.slice(0, 45)}…` : text;
}
