import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES, ASTUtils, TSESLint } from '@typescript-eslint/utils';

/** The name of the function or method a call invokes: `b` in `a.b()`, `f` in `f()`. */
export function calleeName(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier) {
    return callee.property.name;
  }
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : undefined;
}

/** The call a declarator is initialised with, directly or awaited (`const x = await f()`). */
export function initializerCall(declarator: TSESTree.VariableDeclarator): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  const init = declarator.init?.type === AST_NODE_TYPES.AwaitExpression ? declarator.init.argument : declarator.init;
  return init?.type === AST_NODE_TYPES.CallExpression || init?.type === AST_NODE_TYPES.NewExpression ? init : undefined;
}

/**
 * Whether the variable this declarator declares has a method called on it somewhere
 * (`client.release()`), for a method `isWanted` accepts. Uses ESLint's scope analysis, so it
 * costs no type information.
 */
export function hasMethodCalled(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  declarator: TSESTree.VariableDeclarator,
  isWanted: (method: string) => boolean,
): boolean {
  const variable = context.sourceCode.getDeclaredVariables(declarator)[0];
  return !!variable?.references.some((reference) => {
    const member = reference.identifier.parent;
    return (
      member.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      member.property.type === AST_NODE_TYPES.Identifier &&
      isWanted(member.property.name) &&
      member.parent.type === AST_NODE_TYPES.CallExpression &&
      member.parent.callee === member
    );
  });
}

/**
 * Whether a call passes on a parameter of a function around it, by name (`this.runnerFor(queryRunner)`).
 * Uses ESLint's scope analysis, so it costs no type information.
 */
export function passesParameter(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): boolean {
  const scope = context.sourceCode.getScope(call);
  return call.arguments.some(
    (argument) => argument.type === AST_NODE_TYPES.Identifier && !!ASTUtils.findVariable(scope, argument.name)?.defs.some((def) => def.type === TSESLint.Scope.DefinitionType.Parameter),
  );
}

/** Whether a node is a function (declaration, expression or arrow): where a body's own code ends. */
export function isFunctionNode(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression {
  return node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression;
}
