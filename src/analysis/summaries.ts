import ts = require('typescript');

import type { AnalysisContext } from './context.js';
import type { LifetimeResult, Obligation, ParameterFate } from './obligation.js';

import { analyzeObligation } from './lifetime.js';
import { symbolAt } from './types.js';
import { extendsClause } from './syntax.js';

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
    if (ts.isNewExpression(call)) {
      return this.constructorFate(call, index);
    }
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
      fate = !result.touchesResource ? 'borrows' : result.leaks.length === 0 ? (givesBackOnly(result) ? 'releases' : 'consumes') : 'unknown';
    } finally {
      this.depth--;
    }
    byKey.set(key, fate);
    return fate;
  }

  /**
   * The fate of a resource passed to a project class's constructor, by what the class does with
   * the field that keeps it: an owning class gives it back (it takes it), a class that only
   * queries through it (a repository) borrows it, and a class with no constructor ignores it.
   */
  private constructorFate(call: ts.NewExpression, index: number): ParameterFate {
    const declaration = classOf(this.cx.checker, call);
    if (!declaration) {
      return 'unknown';
    }
    const constructor = declaration.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && !!member.body);
    if (!constructor) {
      return extendsClause(declaration) ? 'unknown' : 'borrows';
    }
    const parameter = constructor.parameters[index];
    const field = parameter && !parameter.dotDotDotToken && ts.isIdentifier(parameter.name) ? keptIn(constructor, parameter, parameter.name.text) : undefined;
    const facts = field === undefined ? undefined : this.cx.owningClasses.fieldsOf(declaration);
    return facts?.ownedFields.has(field!) ? 'consumes' : facts?.borrowedFields.has(field!) ? 'borrows' : 'unknown';
  }
}

/** Whether everything that discharges the resource gives it back: no path hands it on instead. */
function givesBackOnly(result: LifetimeResult): boolean {
  const releases = new Set(result.releaseNodes);
  return result.dischargeNodes.length > 0 && result.dischargeNodes.every((node) => releases.has(node));
}

/** The project class a `new` expression constructs. */
function classOf(checker: ts.TypeChecker, call: ts.NewExpression): ts.ClassDeclaration | undefined {
  const declaration = symbolAt(checker, call.expression)?.valueDeclaration;
  return declaration && ts.isClassDeclaration(declaration) && !declaration.getSourceFile().isDeclarationFile ? declaration : undefined;
}

/** The field a constructor keeps a parameter in: a parameter property, or `this.field = parameter`. */
function keptIn(constructor: ts.ConstructorDeclaration, parameter: ts.ParameterDeclaration, name: string): string | undefined {
  if (ts.isParameterPropertyDeclaration(parameter, constructor)) {
    return name;
  }
  for (const statement of constructor.body?.statements ?? []) {
    if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(statement.expression.right) &&
      statement.expression.right.text === name &&
      ts.isPropertyAccessExpression(statement.expression.left) &&
      statement.expression.left.expression.kind === ts.SyntaxKind.ThisKeyword
    ) {
      return statement.expression.left.name.text;
    }
  }
  return undefined;
}
