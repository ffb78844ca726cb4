/**
 * @fileoverview What the members of a class do with its fields, read by syntax alone: which
 * members fill a field, which methods they call on it, whether they hand it on. The input of
 * owning-class inference (owning-classes.ts), before the checker is asked anything.
 */
import ts = require('typescript');

import { skipOuterExpressions } from './syntax.js';

/** What the body of a class does with one of its fields. */
export interface FieldUses {
  /** Members that fill it (`this.client = await pool.connect()`), by name; `constructor` for a parameter property. */
  readonly filledIn: Set<string>;
  /** Method calls on it, by member: `this.client.release()` in `close`. */
  readonly calls: { readonly member: string; readonly method: string; readonly call: ts.CallExpression }[];
  /** Whether some member hands the field itself on: passes it to a call, returns it, or copies it. */
  handedOn: boolean;
  /** A node whose type is the field's declared type. */
  typeNode: ts.Node | undefined;
}

/** What the body of a class says, before the checker is asked anything. */
export interface ClassBody {
  readonly declaration: ts.ClassDeclaration;
  readonly name: string;
  readonly fields: Map<string, FieldUses>;
  /** `this.m()` calls, by calling member: a member that calls `this.rollback()` rolls back too. */
  readonly memberCalls: Map<string, Set<string>>;
  /** Static methods that construct the class (`static async open() { return new Session(…) }`). */
  readonly factories: ts.MethodDeclaration[];
  /** Whether `[Symbol.asyncDispose]`/`[Symbol.dispose]` is among the members, by name. */
  readonly members: Set<string>;
}

/** The top-level classes of a file that call a method on one of their fields. */
export function readClasses(file: ts.SourceFile): ClassBody[] {
  return file.statements
    .filter((statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && !!statement.name)
    .map(readClass)
    .filter((body) => [...body.fields.values()].some((uses) => uses.calls.length > 0));
}

/** Reads what the members of a class do with its fields, by syntax alone. */
export function readClass(declaration: ts.ClassDeclaration): ClassBody {
  const fields = new Map<string, FieldUses>();
  const memberCalls = new Map<string, Set<string>>();
  const factories: ts.MethodDeclaration[] = [];
  const members = new Set<string>();
  const name = declaration.name!.text;
  const usesOf = (field: string): FieldUses => {
    let uses = fields.get(field);
    if (!uses) {
      uses = { filledIn: new Set(), calls: [], handedOn: false, typeNode: undefined };
      fields.set(field, uses);
    }
    return uses;
  };

  // Accessors that return a field (`private connection(): PoolClient { … return this.client; }`,
  // `get db() { return this.trx; }`) stand for it.
  const aliases = new Map<string, string>();
  for (const member of declaration.members) {
    const memberName = memberNameOf(member);
    if (memberName === undefined) {
      continue;
    }
    members.add(memberName);
    if ((ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) && member.parameters.length === 0 && member.body) {
      const returned = returnedField(member.body);
      if (returned) {
        aliases.set(memberName, returned);
      }
    }
    if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name)) {
      usesOf(member.name.text).typeNode ??= member.name;
    }
  }
  const fieldOf = (expression: ts.Expression): string | undefined => {
    const node = skipOuterExpressions(expression);
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return aliases.get(node.name.text) ?? node.name.text;
    }
    if (ts.isCallExpression(node) && node.arguments.length === 0) {
      const callee = skipOuterExpressions(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
        return aliases.get(callee.name.text);
      }
    }
    return undefined;
  };

  for (const member of declaration.members) {
    const memberName = memberNameOf(member);
    if (memberName === undefined) {
      continue;
    }
    if (ts.isConstructorDeclaration(member)) {
      for (const parameter of member.parameters) {
        if (ts.isIdentifier(parameter.name) && ts.getModifiers(parameter)?.some((modifier) => PARAMETER_PROPERTY.has(modifier.kind))) {
          const uses = usesOf(parameter.name.text);
          uses.filledIn.add('constructor');
          uses.typeNode ??= parameter.name;
        }
      }
    }
    const isStatic = ts.canHaveModifiers(member) && ts.getModifiers(member)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
    const body = ts.isPropertyDeclaration(member) ? member.initializer : (member as ts.FunctionLikeDeclaration).body;
    if (!body) {
      continue;
    }
    if (isStatic) {
      if (ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) && constructs(body, name)) {
        factories.push(member);
      }
      continue;
    }
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = skipOuterExpressions(node.left);
        if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && !isNothing(node.right)) {
          const uses = usesOf(left.name.text);
          uses.filledIn.add(memberName);
          uses.typeNode ??= left;
        }
        const copied = fieldOf(node.right);
        if (copied !== undefined) {
          usesOf(copied).handedOn = true;
        }
      } else if (ts.isCallExpression(node)) {
        const callee = skipOuterExpressions(node.expression);
        if (ts.isPropertyAccessExpression(callee)) {
          const field = fieldOf(callee.expression);
          if (field !== undefined) {
            usesOf(field).calls.push({ member: memberName, method: callee.name.text, call: node });
          } else if (callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
            const called = memberCalls.get(memberName) ?? new Set();
            called.add(callee.name.text);
            memberCalls.set(memberName, called);
          }
        }
        for (const argument of node.arguments) {
          const field = fieldOf(argument);
          if (field !== undefined) {
            usesOf(field).handedOn = true;
          }
        }
      } else if ((ts.isReturnStatement(node) || ts.isVariableDeclaration(node)) && !aliases.has(memberName)) {
        const value = ts.isReturnStatement(node) ? node.expression : node.initializer;
        const field = value && fieldOf(value);
        if (field !== undefined) {
          usesOf(field).handedOn = true;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
  }
  return { declaration, name, fields, memberCalls, factories, members };
}

const PARAMETER_PROPERTY: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
]);

/** A member's name as callers write it; `[Symbol.asyncDispose]` for the well-known symbols. */
function memberNameOf(member: ts.ClassElement): string | undefined {
  if (ts.isConstructorDeclaration(member)) {
    return 'constructor';
  }
  const name = member.name;
  if (!name) {
    return undefined;
  }
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name) && ts.isPropertyAccessExpression(name.expression)) {
    return `[${name.expression.getText()}]`;
  }
  return undefined;
}

export function isComputedName(member: string): boolean {
  return member.startsWith('[');
}

/** The field every `return` of an accessor's body returns, if they all return the same one. */
function returnedField(body: ts.Block): string | undefined {
  let field: string | undefined;
  let other = false;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) {
      return;
    }
    if (ts.isReturnStatement(node)) {
      const value = node.expression && skipOuterExpressions(node.expression);
      const name = value && ts.isPropertyAccessExpression(value) && value.expression.kind === ts.SyntaxKind.ThisKeyword ? value.name.text : undefined;
      if (name === undefined || (field !== undefined && field !== name)) {
        other = true;
      }
      field = name;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return other ? undefined : field;
}

/** Whether a body constructs the class `name` (`new Session(…)`). */
function constructs(body: ts.Node, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) {
      return;
    }
    if (ts.isNewExpression(node) && ((ts.isIdentifier(node.expression) && node.expression.text === name) || node.expression.kind === ts.SyntaxKind.ThisKeyword)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** `undefined`, `null`: emptying a field fills it with nothing. */
function isNothing(expression: ts.Expression): boolean {
  const node = skipOuterExpressions(expression);
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined') || ts.isVoidExpression(node);
}
