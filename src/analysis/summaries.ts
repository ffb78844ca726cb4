import ts from 'typescript';

import type { AnalysisContext } from './context.js';
import type { Obligation, ParameterFate } from './obligation.js';

import { analyzeObligation } from './lifetime.js';

/** How many project functions deep a summary may look before it answers `unknown`. */
const MAX_DEPTH = 5;

/**
 * Cross-function and cross-file facts, computed lazily from the callee's own body (found
 * through the checker, in whatever file of the program declares it) and cached for the
 * lifetime of the program.
 */
export class Summaries {
  private readonly fates = new Map<ts.Node, Map<string, ParameterFate>>();
  private depth = 0;

  constructor(private readonly cx: AnalysisContext) {}

  /** The fate of the resource passed as argument `index` of `call`, analysed as `obligation`'s resource. */
  parameterFate(call: ts.CallExpression | ts.NewExpression, index: number, obligation: Obligation): ParameterFate {
    const declaration = this.cx.roles.projectCallee(call);
    if (!declaration) {
      return 'unknown';
    }
    const parameter = declaration.parameters[index];
    if (!parameter || parameter.dotDotDotToken || !ts.isIdentifier(parameter.name)) {
      return 'unknown';
    }
    if (this.depth >= MAX_DEPTH) {
      return 'unknown';
    }
    // The answer depends on how many functions deeper it may look, so it is kept per remaining
    // depth: the same question asked from another entry point gets the same answer.
    const key = `${obligation.resource.id}:${obligation.transaction ? 'transaction' : 'resource'}:${index}:${MAX_DEPTH - this.depth}`;
    let byKey = this.fates.get(declaration);
    const cached = byKey?.get(key);
    if (cached) {
      return cached;
    }
    if (!byKey) {
      byKey = new Map();
      this.fates.set(declaration, byKey);
    }
    const symbol = this.cx.checker.getSymbolAtLocation(parameter.name);
    if (!symbol) {
      return 'unknown';
    }
    // Recursion answers `unknown` while the summary is being computed.
    byKey.set(key, 'unknown');
    this.depth++;
    let fate: ParameterFate;
    try {
      const result = analyzeObligation(
        {
          library: obligation.library,
          resource: obligation.resource,
          fn: declaration,
          creation: declaration,
          scope: declaration,
          holders: [symbol],
          transaction: obligation.transaction,
        },
        this.cx,
        { unknownCalls: 'transfer' },
      );
      fate = !result.touchesResource ? 'borrows' : result.leaks.length === 0 ? 'consumes' : 'unknown';
    } finally {
      this.depth--;
    }
    byKey.set(key, fate);
    return fate;
  }
}
